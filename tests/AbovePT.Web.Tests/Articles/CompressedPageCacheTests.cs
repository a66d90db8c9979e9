using System.IO.Compression;
using System.Net;
using System.Text;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Articles;

/// <summary>
/// Article pages, the list and the feeds are kept compressed in every coding a browser asks for, so a kept page
/// costs no compression. Over a real socket, so the bytes are what Kestrel sends and nothing decompresses them
/// on the way.
/// </summary>
public sealed class CompressedPageCacheTests(RealSocketSite site) : IClassFixture<RealSocketSite>
{
    private const string KneePain = "/articles/knee-pain-after-running";

    public static TheoryData<string, string> PagesInEachCoding => new()
    {
        { KneePain, "br" },
        { KneePain, "gzip" },
        { "/articles", "br" },
        { "/articles", "gzip" },
        { "/feed.xml", "br" },
        { "/feed.xml", "gzip" },
        { "/sitemap.xml", "br" },
        { "/sitemap.xml", "gzip" },
    };

    [Theory]
    [MemberData(nameof(PagesInEachCoding))]
    public async Task Get_KeptPageCompressed_DecompressesToTheFreshRendering(string path, string coding)
    {
        await SendAsync(site.Client, path, coding);

        using var kept = await SendAsync(site.Client, path, coding);

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.NotNull(kept.Headers.Age);
        Assert.Equal([coding], kept.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", kept.Headers.Vary);
        Assert.Equal(await UncachedAsync(site.Client, path), await DecodedBodyAsync(kept));
    }

    [Theory]
    [InlineData(KneePain)]
    [InlineData("/articles")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    public async Task Get_KeptPageWithoutAcceptEncoding_IsTheFreshRenderingUncompressed(string path)
    {
        await SendAsync(site.Client, path, "br");

        using var kept = await SendAsync(site.Client, path, acceptEncoding: null);

        Assert.NotNull(kept.Headers.Age);
        Assert.Empty(kept.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", kept.Headers.Vary);
        Assert.Equal(await UncachedAsync(site.Client, path), await kept.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("identity", null)]
    [InlineData("deflate", null)]
    [InlineData("zstd, deflate", null)]
    [InlineData("br;q=0", null)]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("*;q=0", null)]
    [InlineData("gzip;q=0.5, identity", null)]
    [InlineData("br;q=abc", null)]
    [InlineData("br;q=2, gzip", "gzip")]
    [InlineData("gzip", "gzip")]
    [InlineData("GZIP", "gzip")]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip;q=1.0, br;q=0.5", "gzip")]
    [InlineData("br;q=0, *", "gzip")]
    [InlineData("*", "br")]
    [InlineData("identity;q=0.5, gzip;q=0.8", "gzip")]
    public async Task Get_KeptPage_IsInTheBestCodingTheClientAccepts(string acceptEncoding, string? expected)
    {
        await SendAsync(site.Client, KneePain, acceptEncoding: null);

        using var kept = await SendAsync(site.Client, KneePain, acceptEncoding);

        Assert.NotNull(kept.Headers.Age);
        Assert.Equal(expected is null ? [] : [expected], kept.Content.Headers.ContentEncoding);
        Assert.Equal(await UncachedAsync(site.Client, KneePain), await DecodedBodyAsync(kept));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Get_KeptPageCompressedWithTheUncompressedPagesETag_Returns304(string coding)
    {
        using var plain = await SendAsync(site.Client, KneePain, acceptEncoding: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, KneePain);
        request.Headers.AcceptEncoding.ParseAdd(coding);
        request.Headers.IfNoneMatch.Add(plain.Headers.ETag!);

        using var response = await site.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(plain.Headers.ETag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_KeptPage_AllowsNoInlineCodeAndCarriesNoNonce()
    {
        await SendAsync(site.Client, KneePain, acceptEncoding: null);

        using var kept = await SendAsync(site.Client, KneePain, acceptEncoding: null);

        Assert.NotNull(kept.Headers.Age);
        var csp = string.Join(",", kept.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'; script-src 'self'; style-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join(",", kept.Headers.GetValues("X-Frame-Options")));
        Assert.DoesNotContain("nonce", await kept.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_PageThatIsNotKept_HasItsOwnNonceEachTime()
    {
        using var first = await SendAsync(site.Client, "/appointments/request", acceptEncoding: null);
        using var second = await SendAsync(site.Client, "/appointments/request", acceptEncoding: null);

        Assert.NotEqual(Nonce(first), Nonce(second));
    }

    /// <summary>The page as its action renders it, past the cache (which keeps no page asked for with a query).</summary>
    private static async Task<byte[]> UncachedAsync(HttpClient client, string path)
    {
        using var response = await SendAsync(client, path + "?uncached", acceptEncoding: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
        return await response.Content.ReadAsByteArrayAsync();
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await client.SendAsync(request);
    }

    internal static async Task<byte[]> DecodedBodyAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            null => body,
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            var other => throw new Xunit.Sdk.XunitException($"unexpected Content-Encoding {other}"),
        };
        using var bytes = new MemoryStream();
        await decoded.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    internal static async Task<string> DecodedTextAsync(HttpResponseMessage response) =>
        Encoding.UTF8.GetString(await DecodedBodyAsync(response));

    private static string Nonce(HttpResponseMessage response)
    {
        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        var start = csp.IndexOf("'nonce-", StringComparison.Ordinal) + "'nonce-".Length;
        return csp[start..csp.IndexOf('\'', start)];
    }
}
