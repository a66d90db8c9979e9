using Microsoft.AspNetCore.Routing;

namespace AbovePT.Web.Hosting.Languages;

/// <summary>
/// A page's own path and the path of its twin in the other language. A page served in both languages has two
/// named routes, its Spanish one named as the English one plus <see cref="SpanishSuffix"/>
/// (<c>[HttpGet(PatientRoutes.Privacy, Name = "privacy")]</c> and <c>"privacy.es"</c>): the name picks the
/// route, so a link never lands on the other language's spelling of the same action.
/// </summary>
/// <remarks>
/// A page whose twin is not the same route values in the other language (an article and its translation have
/// different slugs) names its routes without that pair, so no twin is guessed, and its view sets
/// <c>ViewData["Twin"]</c> to the twin's path when there is one (see <c>docs/architecture.md</c>).
/// </remarks>
public sealed class PageAddresses(LinkGenerator links)
{
    public const string SpanishSuffix = ".es";

    /// <summary>The page's own path as the site generates it (lowercase, no trailing slash), or null.</summary>
    public string? Own(HttpContext context) =>
        links.GetPathByRouteValues(context, RouteName(context), context.Request.RouteValues);

    /// <summary>The same page's path in the other language, or null when it has none.</summary>
    public string? Twin(HttpContext context)
    {
        if (RouteName(context) is not { } name)
        {
            return null;
        }

        var twin = name.EndsWith(SpanishSuffix, StringComparison.Ordinal) ? name[..^SpanishSuffix.Length] : name + SpanishSuffix;
        return links.GetPathByRouteValues(context, twin, context.Request.RouteValues);
    }

    private static string? RouteName(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRouteNameMetadata>()?.RouteName;
}
