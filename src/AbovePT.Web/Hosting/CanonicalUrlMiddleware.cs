using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace AbovePT.Web.Hosting;

/// <summary>
/// Each page has one address: its route as the site generates it (lowercase, no trailing slash). Another
/// spelling of a page, <c>/ARTICLES</c> or <c>/articles/</c>, is a 301 to it with the query string kept.
/// The page cache before it finds a kept page only under the spelling that rendered it, which got past this
/// redirect, so any other spelling still comes here; search engines keep one URL per page.
/// </summary>
internal sealed class CanonicalUrlMiddleware(RequestDelegate next, LinkGenerator links)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsPageRead(context)
            && links.GetPathByRouteValues(context, routeName: null, request.RouteValues) is { } canonical
            && !string.Equals(PathString.FromUriComponent(canonical).Value, request.PathBase.Add(request.Path).Value, StringComparison.Ordinal))
        {
            context.Response.Redirect(canonical + request.QueryString.Value, permanent: true);
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>
    /// A GET or HEAD of a page (an MVC action). Not static assets or <c>/healthz</c>, which are no pages; not
    /// a posted form, which a redirect would turn into a GET; and not a re-executed error page, which
    /// answers for the URL that failed.
    /// </summary>
    private static bool IsPageRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>() is not null
        && context.Features.Get<IStatusCodeReExecuteFeature>() is null
        && context.Features.Get<IExceptionHandlerFeature>() is null;
}
