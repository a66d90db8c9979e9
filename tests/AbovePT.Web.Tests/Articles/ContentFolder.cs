using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Articles;

/// <summary>
/// A private copy of the repository's <c>content/</c> folder for tests that add, edit or delete
/// articles, so the real content is never touched and test classes never see each other's files.
/// </summary>
public sealed class ContentFolder : IDisposable
{
    public ContentFolder()
    {
        Path = Directory.CreateTempSubdirectory("abovept-content-").FullName;
        foreach (var file in Directory.EnumerateFiles(RepositoryContent, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(RepositoryContent, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public static string RepositoryContent => Repository.Content;

    public string Path { get; }

    public string ArticlePath(string fileName) => System.IO.Path.Combine(Path, "articles", fileName);

    public void Write(string fileName, string text) => File.WriteAllText(ArticlePath(fileName), text);

    public void Delete(string fileName) => File.Delete(ArticlePath(fileName));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner; it holds only copies.
        }
    }

    /// <summary>A valid article file; <paramref name="extra"/> adds front matter lines.</summary>
    public static string Article(string title, string published = "2026-01-10", bool draft = false, string body = "Some advice.", string extra = "") =>
        $"""
        ---
        title: "{title}"
        description: "About {title}."
        published: {published}
        author: Above & Beyond Physical Therapy
        tags: [test]
        draft: {(draft ? "true" : "false")}
        {extra}
        ---

        {body}
        """;
}
