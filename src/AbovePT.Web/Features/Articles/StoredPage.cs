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
internal sealed class StoredPage
{
    private static readonly StringValues VaryAcceptEncoding = new(HeaderNames.AcceptEncoding);

    private readonly KeyValuePair<string, StringValues>[] _headers;
    private readonly StringValues _vary;
    private readonly Variant _identity;
    private readonly Variant _gzip;
    private readonly Variant _brotli;
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
        _gzip = new Variant("gzip", Gzip(body));
        _brotli = new Variant("br", Brotli(body));
    }

    /// <summary>The article snapshot the page was rendered from; any other snapshot needs a new rendering.</summary>
    public string Version { get; }

    public DateTimeOffset StoredAt { get; }

    /// <summary>
    /// Answers the request with this page in <paramref name="coding"/>, or with a bodiless 304 when the request's
    /// validators match. <paramref name="age"/> is how long the page has been kept (none for the rendering itself).
    /// </summary>
    public Task WriteAsync(HttpContext context, ContentCoding coding, TimeSpan? age)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;
        var notModified = (request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0)
            && ArticleValidators.IsNotModified(request, _etag, _lastModified);
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

        var variant = For(coding);
        if (variant.Encoding is { } encoding)
        {
            headers.ContentEncoding = encoding;
        }

        response.ContentLength = variant.Body.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(variant.Body).AsTask();
    }

    private Variant For(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => _brotli,
        ContentCoding.Gzip => _gzip,
        _ => _identity,
    };

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
}
