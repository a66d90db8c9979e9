using System.Net;
using System.Text;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Articles;

/// <summary>
/// When the page cache renders a page: once for a burst of first requests, again for every new article version
/// in every coding, answering the rendering as rendered and compressing after, and never keeping a response
/// that sets a cookie.
/// </summary>
public sealed class PageCacheRenderingTests : IDisposable
{
    private const string KneePain = "/articles/knee-pain-after-running";
    private const string OldTitle = "Having Knee Pain After Running";
    private const string NewTitle = "Knee pain after running, explained";

    private readonly ContentFolder _content = new();
    private readonly SiteFactory _site = new();
    private readonly CountingFilter _renderings = new();

    public PageCacheRenderingTests() => _site.WithSetting("Articles:ContentPath", _content.Path);

    [Theory]
    [InlineData(KneePain)]
    [InlineData("/articles")]
    [InlineData("/feed.xml")]
    public async Task Get_AfterTheArticleIsEdited_NoCodingServesTheOldPage(string path)
    {
        using var client = RealSocket.Client(_site.StartOnRealSocket());
        string?[] codings = [null, "br", "gzip"];
        foreach (var coding in codings)
        {
            await CompressedPageCacheTests.SendAsync(client, path, coding);
            using var kept = await CompressedPageCacheTests.SendAsync(client, path, coding);
            Assert.NotNull(kept.Headers.Age);
            Assert.Contains(OldTitle, await CompressedPageCacheTests.DecodedTextAsync(kept), StringComparison.Ordinal);
        }

        var file = _content.ArticlePath("knee-pain-after-running.md");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file))
            .Replace("title: \"Why You’re Having Knee Pain After Running\"", $"title: \"{NewTitle}\"", StringComparison.Ordinal));

        await Eventually.AssertAsync(
            async () => (await client.GetStringAsync(path)).Contains(NewTitle, StringComparison.Ordinal),
            "the uncompressed page shows the edited title");
        foreach (var coding in codings)
        {
            using var response = await CompressedPageCacheTests.SendAsync(client, path, coding);
            Assert.Equal(coding is null ? [] : [coding], response.Content.Headers.ContentEncoding);
            var text = await CompressedPageCacheTests.DecodedTextAsync(response);
            Assert.Contains(NewTitle, text, StringComparison.Ordinal);
            Assert.DoesNotContain(OldTitle, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(KneePain, "br")]
    [InlineData(KneePain, "gzip")]
    [InlineData("/feed.xml", "br")]
    public async Task Get_FirstRequest_IsAnsweredAsRenderedAndTheKeptPageCompressed(string path, string coding)
    {
        using var client = RealSocket.Client(_site.StartOnRealSocket());

        // The rendering does not wait for Brotli's best quality: it goes out as rendered, still a correct answer.
        using var first = await CompressedPageCacheTests.SendAsync(client, path, coding);
        using var kept = await CompressedPageCacheTests.SendAsync(client, path, coding);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.Empty(first.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", first.Headers.Vary);
        var rendered = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(rendered.Length, first.Content.Headers.ContentLength);
        Assert.Contains(OldTitle, Encoding.UTF8.GetString(rendered), StringComparison.Ordinal);
        Assert.NotNull(kept.Headers.Age);
        Assert.Equal([coding], kept.Content.Headers.ContentEncoding);
        Assert.Equal(rendered, await CompressedPageCacheTests.DecodedBodyAsync(kept));
    }

    [Fact]
    public async Task Get_ResponseThatSetsACookie_IsNotKept()
    {
        _renderings.CookieOnFirst = true;
        var client = CountingSite().CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        using var withCookie = await client.GetAsync(KneePain);
        using var renderedAgain = await client.GetAsync(KneePain);
        using var kept = await client.GetAsync(KneePain);

        Assert.True(withCookie.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.False(kept.Headers.Contains("Set-Cookie"));
        Assert.NotNull(kept.Headers.Age);
        Assert.Equal(2, _renderings.Count);
    }

    [Fact]
    public async Task Get_BurstOfFirstRequests_RendersThePageOnce()
    {
        var site = CountingSite();
        var clients = Enumerable.Range(0, 8).Select(_ => site.CreateClient()).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.GetAsync(KneePain)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, _renderings.Count);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.Single(bodies.Select(Convert.ToBase64String).Distinct());
    }

    private WebApplicationFactory<Program> CountingSite() => _site.WithWebHostBuilder(builder => builder.ConfigureTestServices(
        services => services.Configure<MvcOptions>(options => options.Filters.Add(_renderings))));

    public void Dispose()
    {
        _site.Dispose();
        _content.Dispose();
    }

    /// <summary>Counts the actions that run; optionally the first one sets a cookie, as a form page would.</summary>
    private sealed class CountingFilter : IActionFilter
    {
        private int _count;

        public bool CookieOnFirst { get; set; }

        public int Count => _count;

        public void OnActionExecuting(ActionExecutingContext context)
        {
            if (Interlocked.Increment(ref _count) == 1 && CookieOnFirst)
            {
                context.HttpContext.Response.Cookies.Append("visitor", "first");
            }
        }

        public void OnActionExecuted(ActionExecutedContext context)
        {
        }
    }
}
