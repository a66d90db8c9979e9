using System.Net;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AbovePT.Web.Tests.Articles;

/// <summary>Staff edit files on disk; the running site follows within seconds, without a restart.</summary>
public sealed class LiveReloadTests : IDisposable
{
    private const string KneePain = "/articles/knee-pain-after-running";
    private readonly ContentFolder _content = new();
    private readonly LogCollector _logs = new();
    private readonly SiteFactory _site = new();
    private readonly WebApplicationFactory<Program> _factory;

    public LiveReloadTests()
    {
        _factory = _site
            .WithSetting("Articles:ContentPath", _content.Path)
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(_logs))));
    }

    [Fact]
    public async Task EditedArticle_ShowsTheNewTextWithoutRestart()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(KneePain)).StatusCode);
        var file = _content.ArticlePath("knee-pain-after-running.md");

        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file))
            .Replace("title: \"Why You’re Having Knee Pain After Running\"", "title: \"Knee pain after running, explained\"", StringComparison.Ordinal));

        await Eventually.AssertAsync(
            async () => (await Html.GetAsync(client, KneePain)).QuerySelector("h1")?.TextContent == "Knee pain after running, explained",
            "the article page shows the edited title");
    }

    [Fact]
    public async Task AddedArticle_AppearsOnItsPageAndInTheList()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/ankle-care")).StatusCode);

        _content.Write("ankle-care.md", ContentFolder.Article("Ankle care"));

        await Eventually.AssertAsync(
            async () => (await client.GetAsync("/articles/ankle-care")).StatusCode == HttpStatusCode.OK,
            "the new article is served");
        var list = await Html.GetAsync(client, "/articles");
        Assert.Contains("/articles/ankle-care", list.QuerySelectorAll(".article-list__title a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task DeletedArticle_BecomesTheFriendly404()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(KneePain)).StatusCode);

        _content.Delete("knee-pain-after-running.md");

        await Eventually.AssertAsync(
            async () => (await client.GetAsync(KneePain)).StatusCode == HttpStatusCode.NotFound,
            "the deleted article is no longer served");
        Assert.DoesNotContain(KneePain, await client.GetStringAsync("/sitemap.xml"));
    }

    [Fact]
    public async Task BrokenFile_IsLeftOutAndLoggedByNameWhileOthersKeepServing()
    {
        var client = _factory.CreateClient();

        _content.Write("no-title.md", "---\ndescription: \"Missing its title.\"\npublished: 2026-01-01\nauthor: Staff\n---\n\nText.\n");

        await Eventually.AssertAsync(
            () => Task.FromResult(_logs.Lines.Any(l => l.Contains("no-title.md", StringComparison.Ordinal) && l.Contains("'title' is missing", StringComparison.Ordinal))),
            "the log names the file and says its title is missing");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/no-title")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(KneePain)).StatusCode);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _site.Dispose();
        _content.Dispose();
    }
}
