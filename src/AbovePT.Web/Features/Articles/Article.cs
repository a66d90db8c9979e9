namespace AbovePT.Web.Features.Articles;

/// <summary>One article, fully rendered: requests read it, they never parse Markdown.</summary>
public sealed record Article(
    string Slug,
    string Title,
    string Description,
    DateOnly Published,
    DateOnly? Updated,
    string Author,
    string? ReviewedBy,
    DateOnly? LastReviewed,
    IReadOnlyList<string> Tags,
    bool Draft,
    string Html,
    IReadOnlyList<TocEntry> TableOfContents,
    int ReadingMinutes,
    // SHA-256 of the file's name and text: the same file hashes the same in every process, so the pages'
    // validators (ArticleValidators) agree across restarts and instances.
    string SourceHash,
    // "en" or "es" (ArticleLanguage), from the front matter's 'lang'.
    string Language = ArticleLanguage.English,
    // The slug of the article this one translates, from 'translationOf'; null for an original.
    string? TranslationOf = null)
{
    public string Path => ArticleLanguage.PathOf(Language, Slug);

    public DateOnly LastModified => Updated ?? Published;

    /// <summary>
    /// The same article in the other language, when the snapshot serves it: the original for a translation, the
    /// translation for an original. Filled in by <see cref="ArticleSnapshot"/>, which knows every article.
    /// </summary>
    public ArticleLink? Twin { get; init; }
}

/// <summary>Another article by language and slug, with its address.</summary>
public sealed record ArticleLink(string Language, string Slug)
{
    public string Path => ArticleLanguage.PathOf(Language, Slug);
}

/// <summary>A section heading and the subsections under it.</summary>
public sealed record TocEntry(string Id, string Text, IReadOnlyList<TocEntry> Children);
