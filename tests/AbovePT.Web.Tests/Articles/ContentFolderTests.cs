using System.Text.RegularExpressions;
using AbovePT.Web.Features.Articles;

namespace AbovePT.Web.Tests.Articles;

/// <summary>
/// The repository's content, checked exactly as the site loads it: a file the site would leave out
/// fails here, naming the file and what is wrong, so it never reaches production unnoticed.
/// </summary>
public sealed partial class ContentFolderTests
{
    private static string ArticlesFolder => Path.Combine(ContentFolder.RepositoryContent, "articles");

    public static TheoryData<string> ContentFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(ContentFolder.RepositoryContent, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(ContentFolder.RepositoryContent, file));
        }

        return files;
    }

    /// <summary>Every translation in the content folder, by file name.</summary>
    public static TheoryData<string> Translations()
    {
        var files = new TheoryData<string>();
        foreach (var result in ArticleLibrary.ReadAll(ArticlesFolder)!.Where(r => r.Article?.TranslationOf is not null))
        {
            files.Add(Path.GetFileName(result.File));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void ContentFile_LoadsAsAnArticle(string file)
    {
        var folder = Path.GetDirectoryName(file);
        Assert.True(folder == "articles", $"content/{file}: only content/articles/ holds files the site uses; this file would be ignored.");

        // With every other file, as the site reads them: a translation's original must load too.
        var result = ArticleLibrary.ReadAll(ArticlesFolder)!.Single(r => r.File == Path.Combine(ContentFolder.RepositoryContent, file));

        Assert.True(result.Article is not null, $"content/{file} would be left out of the site:\n- " + string.Join("\n- ", result.Problems));
        Assert.True(result.Warnings.Count == 0, $"content/{file} would show something its author did not mean:\n- " + string.Join("\n- ", result.Warnings));
    }

    [Fact]
    public void ContentFolder_HasAtLeastOnePublishedArticle()
    {
        var results = ArticleLibrary.ReadAll(ArticlesFolder);

        Assert.NotNull(results);
        Assert.Contains(results, r => r.Article is { Draft: false });
    }

    [Fact]
    public void KneePain_HasAPublishedSpanishTranslation()
    {
        var snapshot = new ArticleSnapshot(ArticleLibrary.ReadAll(ArticlesFolder)!.Select(r => r.Article).OfType<Article>());

        var english = snapshot.Find(ArticleLanguage.English, "knee-pain-after-running")!;
        var spanish = snapshot.Find(ArticleLanguage.Spanish, "dolor-de-rodilla-al-correr");

        Assert.NotNull(spanish);
        Assert.False(spanish.Draft);
        Assert.Equal(new ArticleLink(ArticleLanguage.Spanish, "dolor-de-rodilla-al-correr"), english.Twin);
        Assert.Equal(new ArticleLink(ArticleLanguage.English, "knee-pain-after-running"), spanish.Twin);
    }

    /// <summary>
    /// A translation says what its original says: every figure (30-50%, 550%, …) appears in it as often as in the
    /// original, so none is lost, changed or added in translating. Link addresses are left out (slugs differ).
    /// </summary>
    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_KeepsEveryFigureOfItsOriginal(string file)
    {
        var translation = ArticleLibrary.ReadAll(ArticlesFolder)!.Single(r => Path.GetFileName(r.File) == file).Article!;
        var original = Path.Combine(ArticlesFolder, translation.TranslationOf + ArticleParser.Extension);

        var expected = Figures(original);
        var actual = Figures(Path.Combine(ArticlesFolder, file));

        Assert.NotEmpty(expected);
        Assert.True(
            expected.SequenceEqual(actual),
            $"content/articles/{file} must have the figures of {Path.GetFileName(original)}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", actual)}].");
    }

    [Theory]
    [InlineData("one of the 30-50% of runners; 550% of your weight; 2 or 3.5 times", "2|3.5|30|50%|550%")]
    [InlineData("del 30–50 % de los corredores; el 550 % de su peso; 2 o 3,5 veces", "2|3.5|30|50%|550%")]
    [InlineData("[a link](/appointments/request?from=step-2) with no figure", "")]
    public void Figures_ReadsNumbersAndPercentagesWrittenEitherWay(string body, string expected)
    {
        Assert.Equal(expected, string.Join('|', FiguresOf(body)));
    }

    /// <summary>The figures in a file's body, sorted (a multiset), as the Markdown writes them.</summary>
    private static List<string> Figures(string path) =>
        FiguresOf(FrontMatterParser.Parse(File.ReadAllText(path)).Body);

    /// <summary>
    /// Numbers and percentages ("30", "50%", "3.5"), whatever the writing: Spanish puts a space before % and a
    /// comma for the decimal point, and a range may use a hyphen or a dash.
    /// </summary>
    private static List<string> FiguresOf(string markdown) =>
        [.. Figure().Matches(LinkTarget().Replace(markdown, ""))
            .Select(m => m.Groups["number"].Value.Replace(',', '.') + (m.Groups["percent"].Success ? "%" : ""))
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"(?<number>\d+(?:[.,]\d+)?)(?:\s?(?<percent>%))?", RegexOptions.CultureInvariant)]
    private static partial Regex Figure();

    [GeneratedRegex(@"\]\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkTarget();
}
