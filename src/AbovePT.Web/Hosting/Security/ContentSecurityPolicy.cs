using System.Security.Cryptography;

namespace AbovePT.Web.Hosting.Security;

/// <summary>
/// The site's Content-Security-Policy and the per-request nonce that lets a view mark the rare inline
/// script or style it really needs (see <see cref="CspNonceTagHelper"/>).
/// </summary>
public static class ContentSecurityPolicy
{
    private static readonly object NonceKey = new();

    /// <summary>The nonce for this request, created on first use so each response gets its own.</summary>
    public static string GetCspNonce(this HttpContext context)
    {
        if (context.Items.TryGetValue(NonceKey, out var existing) && existing is string nonce)
        {
            return nonce;
        }

        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>
    /// Everything is denied unless named: our own scripts, styles, images and fonts; no plug-ins, no
    /// framing, no base-URL rewriting, and forms may only post back to this site. No 'unsafe-inline' or
    /// 'unsafe-eval': injected markup cannot run.
    /// </summary>
    public static string For(string nonce) =>
        "default-src 'none'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        $"style-src 'self' 'nonce-{nonce}'; " +
        "img-src 'self' data:; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "manifest-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'none'; " +
        "frame-ancestors 'none'; " +
        "form-action 'self'";
}
