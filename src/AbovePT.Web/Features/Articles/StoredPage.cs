using System.Globalization;
using System.IO.Compression;
using AbovePT.Web.Hosting.Security;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// One rendered page as the page cache keeps it: its headers as the action set them and its body in each
/// coding, compressed once when it is stored, so answering a request only copies bytes that are ready.
/// </summary>
/// <remarks>
/// The compression (Brotli at its best quality, tens of milliseconds on a cold start) runs in the background
/// from the moment the page is stored. The request that rendered the page does not wait for it: it is answered
/// with the page as rendered, which is a correct answer whatever it asked for (<c>Vary: Accept-Encoding</c> still holds).
/// Every later request for a compressed coding waits for the compression already under way, so it is never
/// repeated and a kept page is always sent compressed when the client accepts it.
/// </remarks>
internal sealed class StoredPage
{
    private static readonly StringValues VaryAcceptEncoding = new(HeaderNames.AcceptEncoding);

    private readonly KeyValuePair<string, StringValues>[] _headers;
    private readonly StringValues _vary;
    private readonly Variant _identity;
    private readonly Task<Compressed> _compressed;
    private readonly EntityTagHeaderValue? _etag;
    private readonly DateTimeOffset? _lastModified;

    /// <summary>Keeps what an action rendered: its headers (cookies never; see the cache) and its body.</summary>
    public StoredPage(string version, DateTimeOffset storedAt, HttpResponse rendered, byte[] body)
    {
        Version = version;
        StoredAt = storedAt;
        var headers = rendered.Headers;
        _headers = [.. headers.Where(h => !IsPerCoding(h.Key))];
        _vary = headers.Vary.Count == 0 ? VaryAcceptEncoding : StringValues.Concat(headers.Vary, VaryAcceptEncoding);
        var typed = rendered.GetTypedHeaders();
        _etag = typed.ETag;
        _lastModified = typed.LastModified;
        _identity = new Variant(null, body);
        _compressed = Task.Run(() => new Compressed(new Variant("gzip", Gzip(body)), new Variant("br", Brotli(body))));
    }

    /// <summary>The article snapshot the page was rendered from; any other snapshot needs a new rendering.</summary>
    public string Version { get; }

    public DateTimeOffset StoredAt { get; }

    /// <summary>
    /// Answers the request with this page in <paramref name="coding"/>, or with a bodiless 304 when the request's
    /// validators match. <paramref name="age"/> is how long the page has been kept: none for the rendering itself,
    /// which goes out as rendered instead of waiting for its compressed forms.
    /// </summary>
    public Task WriteAsync(HttpContext context, ContentCoding coding, TimeSpan? age)
    {
        var request = context.Request;
        var notModified = (request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0)
            && ArticleValidators.IsNotModified(request, _etag, _lastModified);
        if (notModified || coding == ContentCoding.Identity || age is null)
        {
            return Write(context, _identity, notModified, age);
        }

        return _compressed.IsCompletedSuccessfully
            ? Write(context, For(coding, _compressed.Result), notModified: false, age)
            : WriteCompressedAsync(context, coding, age);
    }

    private async Task WriteCompressedAsync(HttpContext context, ContentCoding coding, TimeSpan? age) =>
        await Write(context, For(coding, await _compressed), notModified: false, age);

    private Task Write(HttpContext context, Variant variant, bool notModified, TimeSpan? age)
    {
        var response = context.Response;
        var headers = response.Headers;
        foreach (var (name, value) in _headers)
        {
            // A 304 describes the page without sending it: no Content-Type, as the action's own 304 has none.
            if (!notModified || !name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = value;
            }
        }

        headers.Vary = _vary;
        // The body is everyone's, so it can carry no nonce: no inline script or style may run.
        headers.ContentSecurityPolicy = ContentSecurityPolicy.WithoutNonce;
        if (age is { } kept)
        {
            headers.Age = ((long)kept.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (notModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        if (variant.Encoding is { } encoding)
        {
            headers.ContentEncoding = encoding;
        }

        response.ContentLength = variant.Body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(variant.Body).AsTask();
    }

    private static Variant For(ContentCoding coding, Compressed compressed) =>
        coding == ContentCoding.Brotli ? compressed.Brotli : compressed.Gzip;

    /// <summary>Set per coding and per answer, or never kept (a response that sets a cookie is not stored at all).</summary>
    private static bool IsPerCoding(string name) =>
        name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.ContentEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Vary, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Age, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Date, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase);

    /// <summary>Brotli's best quality and a 4 MB window: slow, but it runs once per page and article version.</summary>
    private static byte[] Brotli(byte[] body)
    {
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        if (!BrotliEncoder.TryCompress(body, compressed, out var written, quality: 11, window: 22))
        {
            throw new InvalidOperationException("Brotli could not compress a page into its maximum compressed length.");
        }

        return compressed[..written];
    }

    private static byte[] Gzip(byte[] body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
        {
            gzip.Write(body);
        }

        return compressed.ToArray();
    }

    private sealed record Variant(string? Encoding, byte[] Body);

    private sealed record Compressed(Variant Gzip, Variant Brotli);
}
