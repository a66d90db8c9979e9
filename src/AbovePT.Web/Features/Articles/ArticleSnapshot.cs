using System.Collections.Frozen;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// Every servable article at one moment. Immutable: a change on disk builds a new snapshot and swaps it
/// in whole, so a request reads one consistent set without locks.
/// </summary>
public sealed class ArticleSnapshot
{
    public static readonly ArticleSnapshot Empty = new([]);

    private static long s_built;

    public ArticleSnapshot(IEnumerable<Article> articles)
    {
        Version = Interlocked.Increment(ref s_built).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Listed = [.. articles.OrderByDescending(a => a.Published).ThenBy(a => a.Title, StringComparer.Ordinal)];
        Published = [.. Listed.Where(a => !a.Draft)];
        BySlug = Listed.ToFrozenDictionary(a => a.Slug, StringComparer.Ordinal);
    }

    /// <summary>Differs for every snapshot built in this process; cached pages are keyed by it.</summary>
    public string Version { get; }

    /// <summary>What the site shows, newest first (drafts only when previewing them is switched on).</summary>
    public IReadOnlyList<Article> Listed { get; }

    /// <summary>Published articles only, newest first: the sitemap, the feed and the home page use these.</summary>
    public IReadOnlyList<Article> Published { get; }

    public FrozenDictionary<string, Article> BySlug { get; }

    public Article? Featured => Published.Count > 0 ? Published[0] : null;

    public Article? Find(string? slug) =>
        Slug.IsValid(slug) && BySlug.TryGetValue(slug!, out var article) ? article : null;
}
