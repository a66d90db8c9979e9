using AbovePT.Web.Features.Articles;

namespace AbovePT.Web.Tests.Articles;

/// <summary>The rules between an article and its translation, checked the way the site loads the folder.</summary>
public sealed class ArticleTranslationsTests : IDisposable
{
    private readonly ContentFolder _content = new();

    private static string Spanish(string title, string translationOf) =>
        ContentFolder.Article(title, extra: $"lang: es\ntranslationOf: {translationOf}");

    [Fact]
    public void ReadAll_TranslationOfAnOriginal_LinksBothWays()
    {
        _content.Write("estiramientos.md", Spanish("Estiramientos", "stretching"));
        _content.Write("stretching.md", ContentFolder.Article("Stretching"));

        var snapshot = new ArticleSnapshot(Loaded());

        var spanish = snapshot.Find("es", "estiramientos")!;
        var english = snapshot.Find("en", "stretching")!;
        Assert.Equal(new ArticleLink("en", "stretching"), spanish.Twin);
        Assert.Equal(new ArticleLink("es", "estiramientos"), english.Twin);
        Assert.Equal("/es/articulos/estiramientos", spanish.Path);
        Assert.Equal("/articles/stretching", spanish.Twin!.Path);
        Assert.Same(english, snapshot.TwinOf(spanish));
        Assert.Null(snapshot.Find("en", "estiramientos"));
        Assert.Null(snapshot.Find("es", "stretching"));
        Assert.DoesNotContain(spanish, snapshot.ListedIn("en"));
        Assert.Contains(spanish, snapshot.PublishedIn("es"));
    }

    [Theory]
    [InlineData("no-such-article", "'translationOf' names 'no-such-article', but there is no article content/articles/no-such-article.md")]
    [InlineData("otra-traduccion", "'translationOf' names 'otra-traduccion', which is in Spanish too")]
    [InlineData("estiramientos", "'translationOf' names 'estiramientos', which is in Spanish too")]
    [InlineData("broken", "'translationOf' names 'broken', which is left out of the site itself")]
    public void ReadAll_BadTranslationOf_LeavesTheFileOutSayingWhy(string translationOf, string expected)
    {
        _content.Write("otra-traduccion.md", ContentFolder.Article("Otra", extra: "lang: es"));
        _content.Write("broken.md", "---\ntitle: [unclosed\n---\n");
        _content.Write("estiramientos.md", Spanish("Estiramientos", translationOf));

        var result = Result("estiramientos.md");

        Assert.Null(result.Article);
        Assert.Contains(result.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadAll_TranslationOfATranslation_NamesTheOriginal()
    {
        _content.Write("knee-again.md", ContentFolder.Article("Knee again", extra: "translationOf: dolor-de-rodilla-al-correr"));

        var result = Result("knee-again.md");

        Assert.Null(result.Article);
        Assert.Contains("'translationOf' names 'dolor-de-rodilla-al-correr', which is itself a translation of 'knee-pain-after-running'; name the original, 'knee-pain-after-running'.", result.Problems);
    }

    [Fact]
    public void ReadAll_SecondTranslationInTheSameLanguage_IsLeftOutAndTheFirstKept()
    {
        _content.Write("estiramientos.md", Spanish("Estiramientos", "knee-pain-after-running"));

        var result = Result("estiramientos.md");

        Assert.Null(result.Article);
        Assert.Contains("'knee-pain-after-running' has a Spanish translation already, 'dolor-de-rodilla-al-correr'; an article has at most one translation in each language.", result.Problems);
        Assert.NotNull(Result("dolor-de-rodilla-al-correr.md").Article);
    }

    private IReadOnlyList<ArticleFileResult> All() => ArticleLibrary.ReadAll(System.IO.Path.Combine(_content.Path, "articles"))!;

    private IEnumerable<Article> Loaded() => All().Select(r => r.Article).OfType<Article>();

    private ArticleFileResult Result(string fileName) => All().Single(r => System.IO.Path.GetFileName(r.File) == fileName);

    public void Dispose() => _content.Dispose();
}
