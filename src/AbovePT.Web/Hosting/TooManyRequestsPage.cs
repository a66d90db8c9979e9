using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.RateLimiting;

namespace AbovePT.Web.Hosting;

/// <summary>A rate limit's refusal as a page (429) in the site's look, saying when to try again.</summary>
public static class TooManyRequestsPage
{
    public static Task RenderAsync(OnRejectedContext context, string viewPath)
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var view = new ViewResult { ViewName = viewPath, StatusCode = StatusCodes.Status429TooManyRequests };
        return view.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }
}
