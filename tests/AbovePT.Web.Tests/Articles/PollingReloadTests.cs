using System.Net;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Articles;

/// <summary>Where the OS reports no file changes, <c>Articles:PollForChanges</c> still picks them up.</summary>
public sealed class PollingReloadTests : IDisposable
{
    private readonly ContentFolder _content = new();
    private readonly SiteFactory _factory;

    public PollingReloadTests()
    {
        _factory = new SiteFactory()
            .WithSetting("Articles:ContentPath", _content.Path)
            .WithSetting("Articles:PollForChanges", "true");
    }

    [Fact]
    public async Task PollForChanges_AddedThenDeletedArticle_AppearsThenDisappears()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/hip-care")).StatusCode);

        _content.Write("hip-care.md", ContentFolder.Article("Hip care"));
        await Eventually.AssertAsync(
            async () => (await client.GetAsync("/articles/hip-care")).StatusCode == HttpStatusCode.OK,
            "the new article is served");

        _content.Delete("hip-care.md");
        await Eventually.AssertAsync(
            async () => (await client.GetAsync("/articles/hip-care")).StatusCode == HttpStatusCode.NotFound,
            "the deleted article is no longer served");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _content.Dispose();
    }
}
