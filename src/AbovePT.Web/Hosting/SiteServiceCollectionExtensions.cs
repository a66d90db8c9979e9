using AbovePT.Web.Hosting.Languages;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

        services.AddControllersWithViews(options => options.Conventions.Add(new HeadWhereGetConvention()))
            .AddViewLocalization();
        // English and Spanish strings in .resx files under Resources/, named after the view or class that shows them.
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        // The framework's localizer logs each key it looks up at Debug, and a key can carry a patient's answer (the
        // confirmation's contact method is "ContactMethod.{code}"): it gets no logger, so no level can show one.
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory>(provider =>
            new ResourceManagerStringLocalizerFactory(provider.GetRequiredService<IOptions<LocalizationOptions>>(), NullLoggerFactory.Instance)));
        services.Configure<RequestLocalizationOptions>(options => SiteLanguages.Configure(options));
        services.AddSingleton<PageAddresses>();
        services.Configure<RazorViewEngineOptions>(options =>
        {
            options.ViewLocationFormats.Clear();
            options.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
            options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
        });
        // Links the site generates match the only spelling it serves (CanonicalUrlMiddleware).
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        services.AddSingleton(TimeProvider.System);

        // Pages are compressed on the fly (static files are pre-compressed at publish), HTTPS included: patients
        // are often on phones with poor signal. BREACH needs a secret that stays the same across responses next
        // to text an attacker controls; our only secret in a body is the antiforgery token, which data protection
        // re-encrypts with fresh randomness on every render. The reasoning is in docs/operations.md.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        return services;
    }

    public static WebApplication UseSitePipeline(this WebApplication app)
    {
        // The page's language from its path (SiteLanguages), first: the error pages re-executed below keep it.
        app.UseRequestLocalization();
        app.UseResponseCompression();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
        }

        // Unknown paths and bare status codes get the site's own friendly page, with the status kept.
        app.UseStatusCodePagesWithReExecute("/error/{0}");

        // Named here, the framework does not add them first in the pipeline, where they would run before the page
        // cache on every kept page; the site signs nobody in, so they guard nothing a kept page could skip.
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>301 from another spelling of a page to its own URL.</summary>
    public static WebApplication UseCanonicalUrls(this WebApplication app)
    {
        app.UseMiddleware<CanonicalUrlMiddleware>();
        return app;
    }
}
