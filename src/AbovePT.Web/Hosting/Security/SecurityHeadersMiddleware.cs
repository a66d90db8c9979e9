namespace AbovePT.Web.Hosting.Security;

/// <summary>
/// Adds the browser-hardening headers to every response: pages, static files, redirects and error pages.
/// </summary>
/// <remarks>
/// The headers are written when the response starts rather than on the way in, because the exception
/// handler clears the headers of a failed response before it renders the error page.
/// </remarks>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>Every powerful browser feature off: the site needs none of them.</summary>
    internal const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), " +
        "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
        "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), sync-xhr=(), usb=(), " +
        "xr-spatial-tracking=()";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var httpContext = (HttpContext)state;
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy.For(httpContext.GetCspNonce());
            headers.XContentTypeOptions = "nosniff";
            // Older browsers ignore CSP frame-ancestors; this says the same to them.
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            return Task.CompletedTask;
        }, context);

        return next(context);
    }
}
