using AbovePT.Web.Features.Articles;

namespace AbovePT.Web.Tests.Articles;

/// <summary>
/// The repository's content, checked exactly as the site loads it: a file the site would leave out
/// fails here, naming the file and what is wrong, so it never reaches production unnoticed.
/// </summary>
public sealed class ContentFolderTests
{
    public static TheoryData<string> ContentFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(ContentFolder.RepositoryContent, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(ContentFolder.RepositoryContent, file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void ContentFile_LoadsAsAnArticle(string file)
    {
        var path = Path.Combine(ContentFolder.RepositoryContent, file);
        var folder = Path.GetDirectoryName(file);
        Assert.True(folder == "articles", $"content/{file}: only content/articles/ holds files the site uses; this file would be ignored.");

        var result = ArticleParser.Parse(Path.GetFileName(file), File.ReadAllText(path));

        Assert.True(result.Article is not null, $"content/{file} would be left out of the site:\n- " + string.Join("\n- ", result.Problems));
        Assert.True(result.Warnings.Count == 0, $"content/{file} would show something its author did not mean:\n- " + string.Join("\n- ", result.Warnings));
    }

    [Fact]
    public void ContentFolder_HasAtLeastOnePublishedArticle()
    {
        var results = ArticleLibrary.ReadAll(Path.Combine(ContentFolder.RepositoryContent, "articles"));

        Assert.NotNull(results);
        Assert.Contains(results, r => r.Article is { Draft: false });
    }
}
