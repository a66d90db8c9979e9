using System.Collections.Frozen;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// Every servable article at one moment. Immutable: a change on disk builds a new snapshot and swaps it
/// in whole, so a request reads one consistent set without locks.
/// </summary>
/// <remarks>
/// Articles in every language share one folder, so a slug names one article whatever its language; each page
/// still asks by language (<see cref="Find(string, string?)"/>), so an English address never serves a Spanish
/// article or the other way round.
/// </remarks>
public sealed class ArticleSnapshot
{
    public static readonly ArticleSnapshot Empty = new([]);

    private static long s_built;

    private readonly FrozenDictionary<string, IReadOnlyList<Article>> _listedIn;
    private readonly FrozenDictionary<string, IReadOnlyList<Article>> _publishedIn;

    public ArticleSnapshot(IEnumerable<Article> articles)
    {
        Version = Interlocked.Increment(ref s_built).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ordered = articles.OrderByDescending(a => a.Published).ThenBy(a => a.Title, StringComparer.Ordinal).ToList();
        var twins = Twins(ordered);
        Listed = [.. ordered.Select(a => twins.TryGetValue(a.Slug, out var twin) ? a with { Twin = twin } : a)];
        Published = [.. Listed.Where(a => !a.Draft)];
        BySlug = Listed.ToFrozenDictionary(a => a.Slug, StringComparer.Ordinal);
        _listedIn = ArticleLanguage.All.ToFrozenDictionary(l => l, l => (IReadOnlyList<Article>)[.. Listed.Where(a => a.Language == l)], StringComparer.Ordinal);
        _publishedIn = ArticleLanguage.All.ToFrozenDictionary(l => l, l => (IReadOnlyList<Article>)[.. Published.Where(a => a.Language == l)], StringComparer.Ordinal);
    }

    /// <summary>Differs for every snapshot built in this process; cached pages are keyed by it.</summary>
    public string Version { get; }

    /// <summary>What the site shows in every language, newest first (drafts only when previewing them is switched on).</summary>
    public IReadOnlyList<Article> Listed { get; }

    /// <summary>Published articles in every language, newest first: the sitemap lists these.</summary>
    public IReadOnlyList<Article> Published { get; }

    public FrozenDictionary<string, Article> BySlug { get; }

    /// <summary>What the article list in <paramref name="language"/> shows, newest first.</summary>
    public IReadOnlyList<Article> ListedIn(string language) => _listedIn.GetValueOrDefault(language, []);

    /// <summary>Published articles in <paramref name="language"/>, newest first: that language's feed and home page.</summary>
    public IReadOnlyList<Article> PublishedIn(string language) => _publishedIn.GetValueOrDefault(language, []);

    /// <summary>The newest published article in <paramref name="language"/>, for its home page.</summary>
    public Article? FeaturedIn(string language) => PublishedIn(language) is [var newest, ..] ? newest : null;

    /// <summary>The article at <paramref name="slug"/> in <paramref name="language"/>, or null (unknown, unsafe or another language's).</summary>
    public Article? Find(string language, string? slug) =>
        Slug.IsValid(slug) && BySlug.TryGetValue(slug!, out var article) && article.Language == language ? article : null;

    /// <summary>The article's twin in the other language (<see cref="Article.Twin"/>), when this snapshot serves it.</summary>
    public Article? TwinOf(Article article) => article.Twin is { } twin ? Find(twin.Language, twin.Slug) : null;

    /// <summary>
    /// Each translation and the original it names, both ways, when both are here and in different languages; a file
    /// that breaks the rules is left out before this (<see cref="ArticleTranslations"/>), but a draft original is
    /// simply absent on the live site, and then its translation has no twin.
    /// </summary>
    private static Dictionary<string, ArticleLink> Twins(List<Article> articles)
    {
        var bySlug = articles.ToDictionary(a => a.Slug, StringComparer.Ordinal);
        var twins = new Dictionary<string, ArticleLink>(StringComparer.Ordinal);
        foreach (var translation in articles.Where(a => a.TranslationOf is not null))
        {
            if (bySlug.TryGetValue(translation.TranslationOf!, out var original)
                && original.Language != translation.Language
                && original.TranslationOf is null)
            {
                twins[translation.Slug] = new ArticleLink(original.Language, original.Slug);
                twins.TryAdd(original.Slug, new ArticleLink(translation.Language, translation.Slug));
            }
        }

        return twins;
    }
}
