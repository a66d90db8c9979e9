using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace AbovePT.Web.Hosting.Languages;

/// <summary>
/// The patient side's two languages. A page's language is its address: English at the root, Spanish under
/// <c>/es</c>, and nothing else picks it (no <c>Accept-Language</c>, cookie or query string), so one URL is one
/// page for everyone who asks, search engines included, and the page cache, keyed by path, keeps each apart.
/// </summary>
public static class SiteLanguages
{
    public const string SpanishPrefix = "/es";

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-US");

    /// <summary>
    /// Spanish as written in the United States: Spanish words and dates ("miércoles, 2 de diciembre de 2026")
    /// with the 12-hour clock ("3:04 p. m.") and decimal point Arizona readers know, where <c>es-ES</c> would
    /// write 15:04 and 1.234,5. Its resources are the <c>.es.resx</c> files, found through the parent culture.
    /// </summary>
    public static CultureInfo Spanish { get; } = CultureInfo.GetCultureInfo("es-US");

    /// <summary>Whether the page being rendered is in Spanish (the request's culture, set from its path).</summary>
    public static bool IsSpanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    /// <summary>The language of the page being rendered for <c>lang</c> and <c>hreflang</c>: <c>en</c> or <c>es</c>.</summary>
    public static string Tag => IsSpanish ? "es" : "en";

    public static bool IsSpanishPath(PathString path) => path.StartsWithSegments(SpanishPrefix, StringComparison.OrdinalIgnoreCase);

    public static RequestLocalizationOptions Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(English);
        options.SupportedCultures = [English, Spanish];
        options.SupportedUICultures = [English, Spanish];
        // Only the path: the framework's query-string, cookie and Accept-Language providers are gone.
        options.RequestCultureProviders = [new PathCultureProvider()];
        return options;
    }

    /// <summary>
    /// <c>/es</c> and below are Spanish, everything else English. It reads the path, not the route, so a Spanish
    /// address that matches no page (<c>/es/no-such-page</c>) still gets its 404 in Spanish, and the error page
    /// re-executed at <c>/error/{status}</c> keeps the language the original address chose.
    /// </summary>
    private sealed class PathCultureProvider : RequestCultureProvider
    {
        private static readonly Task<ProviderCultureResult?> Spanish = Task.FromResult<ProviderCultureResult?>(new(SiteLanguages.Spanish.Name));
        private static readonly Task<ProviderCultureResult?> English = Task.FromResult<ProviderCultureResult?>(new(SiteLanguages.English.Name));

        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            IsSpanishPath(httpContext.Request.Path) ? Spanish : English;
    }
}
