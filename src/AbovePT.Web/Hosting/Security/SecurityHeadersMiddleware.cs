namespace AbovePT.Web.Hosting.Security;

/// <summary>
/// Adds the browser-hardening headers to every response: pages, static files, redirects and error pages.
/// </summary>
/// <remarks>
/// The headers are written when the response starts rather than on the way in, because the exception
/// handler clears the headers of a failed response before it renders the error page.
/// </remarks>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, bool sendHsts)
{
    /// <summary>
    /// One year, subdomains included. Not <c>preload</c>: the browsers' preload list binds every subdomain
    /// of the practice's domain, is slow to undo, and only the domain's owner can ask for it.
    /// </summary>
    internal const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>Every powerful browser feature off: the public site needs none of them.</summary>
    internal const string PermissionsPolicy = NoPowerfulFeatures + "publickey-credentials-create=(), publickey-credentials-get=()";

    /// <summary>The same, but passkeys (WebAuthn) for this origin alone: the staff pages' policy (<c>StaffPrivate</c>).</summary>
    public const string PasskeyPermissionsPolicy = NoPowerfulFeatures + "publickey-credentials-create=(self), publickey-credentials-get=(self)";

    private const string NoPowerfulFeatures =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), " +
        "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
        "picture-in-picture=(), screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=(), ";

    private static readonly Func<object, Task> AddHeaders = state => Add((HttpContext)state, hsts: false);

    private static readonly Func<object, Task> AddHeadersAndHsts = state => Add((HttpContext)state, hsts: true);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(sendHsts ? AddHeadersAndHsts : AddHeaders, context);
        return next(context);
    }

    private static Task Add(HttpContext context, bool hsts)
    {
        var headers = context.Response.Headers;
        // A kept article page sets the policy without a nonce itself (ContentSecurityPolicy.WithoutNonce).
        if (headers.ContentSecurityPolicy.Count == 0)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy.For(context.GetCspNonce());
        }

        headers.XContentTypeOptions = "nosniff";
        // Older browsers ignore CSP frame-ancestors; this says the same to them.
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // The staff pages set their own, with passkeys allowed.
        headers.TryAdd("Permissions-Policy", PermissionsPolicy);
        // Here rather than UseHsts, which sets it on the way in, so error pages lose it. Only over HTTPS
        // (RFC 6797), and only in production: a developer's localhost must not be pinned to HTTPS.
        if (hsts && context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        return Task.CompletedTask;
    }
}
