using System.Collections.Concurrent;
using System.Net;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Articles;

/// <summary>
/// A page kept in the site's output cache goes out with an <c>Age</c>; a proxy or browser adds that to what
/// it keeps, so the site must not keep a page longer than the <c>max-age</c> it advertises.
/// </summary>
/// <remarks>
/// The output cache measures ages with its own clock (TimeProvider.System, not the one registered in DI) and
/// its memory store expires entries on the wall clock, so no fake clock can age an entry; the test reads the
/// lifetime the cache is told to keep each entry for instead.
/// </remarks>
public sealed class PageCacheLifetimeTests : IDisposable
{
    private readonly SiteFactory _site = new();
    private readonly ConcurrentQueue<TimeSpan> _lifetimes = new();
    private readonly HttpClient _client;

    public PageCacheLifetimeTests()
    {
        _client = _site.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
            services.Remove(original);
            services.AddSingleton<IOutputCacheStore>(provider => new RecordingStore((IOutputCacheStore)original.ImplementationFactory!(provider), _lifetimes));
        })).CreateClient();
    }

    [Theory]
    [InlineData("/articles")]
    [InlineData("/articles/knee-pain-after-running")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    public async Task Get_CachedPage_IsKeptNoLongerThanItsMaxAge(string path)
    {
        var first = await _client.GetAsync(path);
        var again = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var maxAge = first.Headers.CacheControl?.MaxAge ?? throw new InvalidOperationException($"{path} has no max-age");
        var kept = Assert.Single(_lifetimes);
        Assert.True(kept <= maxAge, $"{path} is kept {kept} but says max-age {maxAge}");
        Assert.NotNull(again.Headers.Age);
        Assert.True(again.Headers.Age <= again.Headers.CacheControl?.MaxAge, $"Age {again.Headers.Age}, {again.Headers.CacheControl}");
    }

    public void Dispose()
    {
        _client.Dispose();
        _site.Dispose();
    }

    /// <summary>The site's real store, noting how long each entry is to be kept.</summary>
    private sealed class RecordingStore(IOutputCacheStore inner, ConcurrentQueue<TimeSpan> lifetimes) : IOutputCacheStore
    {
        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            lifetimes.Enqueue(validFor);
            return inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
    }
}
