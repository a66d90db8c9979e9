using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Articles;

/// <summary>
/// The site serving a copy of the real content plus a second published article, a draft and a broken
/// file, so tests can tell "published" from "everything on disk".
/// </summary>
public sealed class SampleContentFactory : SiteFactory
{
    public const string Second = "stretching-basics";
    public const string Draft = "secret-draft-article";
    public const string Broken = "broken-front-matter";

    public SampleContentFactory()
    {
        WithSetting("Articles:ContentPath", Content.Path);
        Content.Write(Second + ".md", ContentFolder.Article("Stretching basics", published: "2026-03-02"));
        Content.Write(Draft + ".md", ContentFolder.Article("Secret draft article", published: "2026-06-01", draft: true));
        Content.Write(Broken + ".md", "---\ntitle: [unclosed\n---\nBody.\n");
    }

    public ContentFolder Content { get; } = new();

    /// <summary>Every published article's path, as the tests expect the site to list them.</summary>
    public static IReadOnlyList<string> PublishedPaths { get; } =
        ["/articles/" + Second, "/articles/knee-pain-after-running"];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Content.Dispose();
        }
    }
}
