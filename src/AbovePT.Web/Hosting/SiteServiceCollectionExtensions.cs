using Microsoft.AspNetCore.Mvc.Razor;

namespace AbovePT.Web.Hosting;

public static class SiteServiceCollectionExtensions
{
    /// <summary>MVC with feature folders: a controller's views sit beside it in <c>Features/{Controller}/</c>.</summary>
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>()
            .BindConfiguration(SiteOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddControllersWithViews();
        services.Configure<RazorViewEngineOptions>(options =>
        {
            options.ViewLocationFormats.Clear();
            options.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
            options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
        });
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    public static WebApplication UseSitePipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
        }

        // Unknown paths and bare status codes get the site's own friendly page, with the status kept.
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }
}
