using System.Collections.Concurrent;
using AbovePT.Web.Hosting.Security;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// The article pages, the list and the feeds as finished responses, each in every coding a browser asks for
/// (<see cref="StoredPage"/>), kept by path and checked against the current article snapshot's version: the
/// moment a file change swaps the snapshot, no earlier page can be served again.
/// </summary>
/// <remarks>
/// Only pages that answered 200 under their own path are kept, so the number of entries is bounded by the
/// articles, not by what requests ask for. A page is kept no longer than it tells browsers and proxies they
/// may keep it (<c>max-age</c>): it goes out with the time it was kept here as <c>Age</c>, which every
/// downstream cache counts against that <c>max-age</c>. File changes apply at once anyway.
/// </remarks>
internal sealed class ArticlePageCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(CacheProfiles.PublicPageSeconds);

    private readonly ConcurrentDictionary<string, StoredPage> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _renderings = new(StringComparer.Ordinal);

    /// <summary>The page kept for <paramref name="path"/>, if it was rendered from this snapshot and is still fresh.</summary>
    public StoredPage? Find(string path, string version, DateTimeOffset now) =>
        _pages.TryGetValue(path, out var page) && page.Version == version && now - page.StoredAt < Lifetime ? page : null;

    public void Store(string path, StoredPage page) => _pages[path] = page;

    /// <summary>Frees the pages of an earlier snapshot, which can no longer be served anyway.</summary>
    public void Clear() => _pages.Clear();

    /// <summary>
    /// Registers <paramref name="rendering"/> as the one rendering of <paramref name="path"/> under way and returns
    /// it, or returns the one already under way, so a burst of requests for a page nobody asked for since the
    /// last change renders and compresses it once.
    /// </summary>
    public Task BeginRendering(string path, Task rendering) => _renderings.GetOrAdd(path, rendering);

    public void EndRendering(string path, Task rendering) => _renderings.TryRemove(KeyValuePair.Create(path, rendering));
}
