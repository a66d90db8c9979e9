using System.Net;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Site;

/// <summary>
/// Link checkers, monitors and proxies ask with HEAD; it must answer as GET does, without the body. Over a
/// real socket, so the missing body is what Kestrel really sends.
/// </summary>
public sealed class HeadRequestTests(RealSocketSite site) : IClassFixture<RealSocketSite>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/articles")]
    [InlineData("/articles/knee-pain-after-running")]
    [InlineData("/privacy")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/appointments/request")]
    [InlineData("/css/site.css")]
    [InlineData("/healthz")]
    public async Task Head_Page_AnswersAsGetDoesWithoutABody(string path)
    {
        using var get = await site.Client.GetAsync(path);
        using var head = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        foreach (var header in new[] { "Content-Type", "Cache-Control", "Content-Length" })
        {
            Assert.True(Header(get, header) == Header(head, header), $"{path} {header}: GET '{Header(get, header)}', HEAD '{Header(head, header)}'");
        }

        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_UnknownPath_Returns404AsGetDoes()
    {
        using var get = await site.Client.GetAsync("/no-such-page");
        using var head = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/no-such-page"));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The header as it came over the wire (HttpClient would otherwise compute a length from a buffered body).</summary>
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? values.ToString()
            : null;
}
