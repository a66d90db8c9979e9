using System.Security.Cryptography;

namespace AbovePT.Web.Hosting.Security;

/// <summary>
/// The site's Content-Security-Policy and the per-request nonce that lets a view mark the rare inline
/// script or style it really needs (see <see cref="CspNonceTagHelper"/>).
/// </summary>
public static class ContentSecurityPolicy
{
    private const int NonceBytes = 16;

    private static readonly object NonceKey = new();

    /// <summary>Random bytes for this thread's next nonces; see <see cref="NextNonceBytes"/>.</summary>
    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_used;

    /// <summary>The nonce for this request, created on first use so each response gets its own.</summary>
    public static string GetCspNonce(this HttpContext context)
    {
        if (context.Items.TryGetValue(NonceKey, out var existing) && existing is string nonce)
        {
            return nonce;
        }

        nonce = Convert.ToBase64String(NextNonceBytes());
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>
    /// 16 bytes from the cryptographic random number generator, never handed out twice. Drawn 64 nonces at a
    /// time: each draw goes through OpenSSL, whose fixed cost per call was a sizeable share of answering a cached
    /// page (bench/articles.sh); the bytes are as unpredictable either way.
    /// </summary>
    private static ReadOnlySpan<byte> NextNonceBytes()
    {
        if (t_random is null || t_used == t_random.Length)
        {
            t_random ??= new byte[NonceBytes * 64];
            RandomNumberGenerator.Fill(t_random);
            t_used = 0;
        }

        var bytes = t_random.AsSpan(t_used, NonceBytes);
        t_used += NonceBytes;
        return bytes;
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
        Rest;

    /// <summary>
    /// The same policy without a nonce, so no inline script or style runs at all: for a kept page
    /// (<c>ArticlePageCache</c>), whose body is the same for everyone and so can carry no nonce, and which
    /// thereby costs no nonce to answer.
    /// </summary>
    public const string WithoutNonce =
        "default-src 'none'; " +
        "script-src 'self'; " +
        "style-src 'self'; " +
        Rest;

    private const string Rest =
        "img-src 'self' data:; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "manifest-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'none'; " +
        "frame-ancestors 'none'; " +
        "form-action 'self'";
}
