using System.Net;
using System.Net.Http.Headers;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Articles;

/// <summary>
/// Pages built from articles carry validators, so a browser or feed reader that has a copy asks "changed?"
/// and gets a bodiless 304 while nothing changed, cached by the site or not.
/// </summary>
public sealed class ConditionalGetTests : IDisposable
{
    private const string KneePain = "/articles/knee-pain-after-running";

    /// <summary>The knee-pain article's date, 2025-12-15, at midnight in Arizona (UTC-7).</summary>
    private static readonly DateTimeOffset KneePainDate = new(2025, 12, 15, 7, 0, 0, TimeSpan.Zero);

    private readonly ContentFolder _content = new();
    private readonly SiteFactory _site = new();

    public ConditionalGetTests() => _site.WithSetting("Articles:ContentPath", _content.Path);

    [Theory]
    [InlineData(KneePain)]
    [InlineData("/articles")]
    [InlineData("/feed.xml")]
    [InlineData("/es/feed.xml")]
    [InlineData("/sitemap.xml")]
    public async Task Get_ArticlePage_HasETagAndLastModifiedFromTheArticleDate(string path)
    {
        var response = await _site.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(KneePainDate, response.Content.Headers.LastModified);
    }

    [Theory]
    [InlineData(KneePain)]
    [InlineData("/articles")]
    [InlineData("/feed.xml")]
    [InlineData("/es/feed.xml")]
    [InlineData("/sitemap.xml")]
    public async Task Get_WithItsETag_Returns304WithoutABody(string path)
    {
        var client = _site.CreateClient();
        var etag = (await client.GetAsync(path)).Headers.ETag!;

        var response = await SendAsync(client, path, request => request.Headers.IfNoneMatch.Add(etag));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(KneePain)]
    [InlineData("/articles")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    public async Task Get_WithTheETagFromAnotherInstance_Returns304BeforeThePageIsCached(string path)
    {
        EntityTagHeaderValue etag;
        using (var other = new SiteFactory().WithSetting("Articles:ContentPath", _content.Path))
        {
            etag = (await other.CreateClient().GetAsync(path)).Headers.ETag!;
        }

        var response = await SendAsync(_site.CreateClient(), path, request => request.Headers.IfNoneMatch.Add(etag));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithAnotherETag_Returns200WithThePage()
    {
        var client = _site.CreateClient();
        await client.GetAsync(KneePain);

        var response = await SendAsync(client, KneePain, request => request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"", isWeak: true)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Why You’re Having Knee Pain After Running", (await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_IfModifiedSinceItsLastModified_Returns304(bool cachedFirst)
    {
        var client = _site.CreateClient();
        if (cachedFirst)
        {
            await client.GetAsync(KneePain);
        }

        var response = await SendAsync(client, KneePain, request => request.Headers.IfModifiedSince = KneePainDate);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_IfModifiedSinceBeforeItsLastModified_Returns200()
    {
        var response = await SendAsync(_site.CreateClient(), KneePain, request => request.Headers.IfModifiedSince = KneePainDate.AddDays(-1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_AfterTheArticleIsEdited_HasANewETag()
    {
        var client = _site.CreateClient();
        var before = (await client.GetAsync(KneePain)).Headers.ETag;
        var file = _content.ArticlePath("knee-pain-after-running.md");

        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("550%", "five and a half times", StringComparison.Ordinal));

        await Eventually.AssertAsync(
            async () => (await client.GetAsync(KneePain)).Headers.ETag is { } after && !after.Equals(before),
            "the edited article has another ETag");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, Action<HttpRequestMessage> conditions)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        conditions(request);
        return await client.SendAsync(request);
    }

    public void Dispose()
    {
        _site.Dispose();
        _content.Dispose();
    }
}
