using System.Net;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AbovePT.Web.Tests.Articles;

/// <summary>
/// A page kept in the site's page cache goes out with an <c>Age</c>; a proxy or browser adds that to what it
/// keeps, so the site must not keep a page longer than the <c>max-age</c> it advertises.
/// </summary>
public sealed class PageCacheLifetimeTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly SiteFactory _site = new();
    private readonly HttpClient _client;

    public PageCacheLifetimeTests()
    {
        _client = _site.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)))
            .CreateClient();
    }

    [Theory]
    [InlineData("/articles")]
    [InlineData("/articles/knee-pain-after-running")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    public async Task Get_CachedPage_CarriesItsAgeUpToItsMaxAgeAndIsRenderedAgainAfter(string path)
    {
        var rendered = await _client.GetAsync(path);
        var maxAge = rendered.Headers.CacheControl?.MaxAge ?? throw new InvalidOperationException($"{path} has no max-age");
        _clock.Advance(maxAge - TimeSpan.FromSeconds(1));
        var kept = await _client.GetAsync(path);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var renderedAgain = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
        Assert.Null(rendered.Headers.Age);
        Assert.Equal(maxAge - TimeSpan.FromSeconds(1), kept.Headers.Age);
        Assert.Equal(HttpStatusCode.OK, renderedAgain.StatusCode);
        Assert.Null(renderedAgain.Headers.Age);
    }

    public void Dispose()
    {
        _client.Dispose();
        _site.Dispose();
    }
}
