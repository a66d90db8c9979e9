using System.Net;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Articles;

/// <summary>With <c>Articles:ShowDrafts</c> (Development), staff can read a draft; it still never reaches search engines or feeds.</summary>
public sealed class DraftPreviewTests : IDisposable
{
    private readonly SampleContentFactory _factory = (SampleContentFactory)new SampleContentFactory().WithSetting("Articles:ShowDrafts", "true");

    [Fact]
    public async Task ShowDrafts_DraftPageIsServedMarkedAsDraftAndNotIndexed()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/articles/" + SampleContentFactory.Draft);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Contains("Draft preview", document.QuerySelector(".draft-badge")?.TextContent);
        Assert.Equal("noindex", document.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
    }

    [Theory]
    [InlineData("/sitemap.xml")]
    [InlineData("/feed.xml")]
    [InlineData("/")]
    public async Task ShowDrafts_DraftStillAbsentFromSitemapFeedAndHome(string path)
    {
        var client = _factory.CreateClient();

        Assert.DoesNotContain(SampleContentFactory.Draft, await client.GetStringAsync(path));
    }

    public void Dispose() => _factory.Dispose();
}
