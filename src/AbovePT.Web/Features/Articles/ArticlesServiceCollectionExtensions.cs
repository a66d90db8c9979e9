using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Articles;

public static class ArticlesServiceCollectionExtensions
{
    /// <summary>Articles from Markdown files: the library, its file watcher and the content folder setting.</summary>
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddOptions<ArticlesOptions>()
            .BindConfiguration(ArticlesOptions.Section)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (!string.IsNullOrWhiteSpace(options.ContentPath))
                {
                    options.ContentDirectory = Path.GetFullPath(options.ContentPath, environment.ContentRootPath);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ArticlesOptions>, ArticlesOptionsValidator>();
        services.AddSingleton<ArticleLibrary>();
        services.AddSingleton<ArticleJsonLd>();
        services.AddSingleton<PracticeJsonLd>();
        services.AddSingleton<ArticleValidators>();
        services.AddHostedService<ArticleWatcher>();
        services.AddSingleton<ArticlePageCache>();
        return services;
    }

    /// <summary>
    /// Serves kept article pages; right after the security headers, before response compression, the error
    /// pages and the canonical-URL redirect, none of which a kept page needs (<see cref="ArticlePageCacheMiddleware"/>).
    /// </summary>
    public static WebApplication UseArticles(this WebApplication app)
    {
        app.UseMiddleware<ArticlePageCacheMiddleware>();
        return app;
    }
}

/// <summary>A content folder that does not exist is a wrong setting: stop start-up and say which path was tried.</summary>
internal sealed class ArticlesOptionsValidator : IValidateOptions<ArticlesOptions>
{
    public ValidateOptionsResult Validate(string? name, ArticlesOptions options) =>
        string.IsNullOrEmpty(options.ContentDirectory) || Directory.Exists(options.ContentDirectory)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ArticlesOptions.Section}:ContentPath: the folder '{options.ContentDirectory}' does not exist.");
}
