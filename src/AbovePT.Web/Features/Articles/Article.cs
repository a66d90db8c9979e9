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
    string SourceHash)
{
    public string Path => "/articles/" + Slug;

    public DateOnly LastModified => Updated ?? Published;
}

/// <summary>A section heading and the subsections under it.</summary>
public sealed record TocEntry(string Id, string Text, IReadOnlyList<TocEntry> Children);
