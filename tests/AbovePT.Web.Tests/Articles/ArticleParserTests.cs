using AbovePT.Web.Features.Articles;

namespace AbovePT.Web.Tests.Articles;

public sealed class ArticleParserTests
{
    private static ArticleParseResult Parse(string body, string fileName = "sample.md") =>
        ArticleParser.Parse(fileName, ContentFolder.Article("Sample", body: body));

    [Fact]
    public void Parse_RawHtml_IsShownAsTextNeverAsMarkup()
    {
        var result = Parse("<script>alert('x')</script>\n\nHello <b onclick=\"x()\">there</b>");

        var html = result.Article!.Html;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains(result.Warnings, w => w.Contains("'<script>' is HTML", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Runners with knee pain < 3 weeks recover faster.")]
    [InlineData("Use `<br>` in code, it is just text here.")]
    [InlineData("Push -> pull.")]
    public void Parse_TextThatOnlyLooksLikeHtml_HasNoWarning(string body)
    {
        Assert.Empty(Parse(body).Warnings);
    }

    [Fact]
    public void Parse_Headings_GetIdsAndATableOfContentsOnlyWithSeveralSections()
    {
        var several = Parse("## First part\n\n### A detail\n\n## Second part\n").Article!;
        var single = Parse("## Only part\n\nText.").Article!;

        Assert.Contains("<h2 id=\"first-part\">First part</h2>", several.Html);
        Assert.Equal(["first-part", "second-part"], several.TableOfContents.Select(e => e.Id));
        Assert.Equal("A detail", Assert.Single(several.TableOfContents[0].Children).Text);
        Assert.Empty(single.TableOfContents);
    }

    [Fact]
    public void Parse_ReadingTime_CountsWordsAt200AMinute()
    {
        Assert.Equal(1, Parse("A few words.").Article!.ReadingMinutes);
        Assert.Equal(3, Parse(string.Join(' ', Enumerable.Repeat("word", 401))).Article!.ReadingMinutes);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))", "the link 'javascript:alert(1)' is not allowed")]
    [InlineData("[data](data:text/html,hi)", "is not allowed")]
    [InlineData("![x-ray](https://cdn.example/x.png)", "must be a file on this site")]
    [InlineData("# A second title", "is a page title")]
    [InlineData("## Main", "would clash with the page's own '#main' anchor")]
    public void Parse_UnsafeOrMisplacedMarkdown_IsAProblem(string body, string expected)
    {
        var result = Parse(body);

        Assert.Null(result.Article);
        Assert.Contains(result.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[request](/appointments/request?from=sample)")]
    [InlineData("[call](tel:+14809871870)")]
    [InlineData("[CDC](https://www.cdc.gov/)")]
    [InlineData("[up](#top)")]
    [InlineData("![knee](/img/knee.png)")]
    public void Parse_SafeLinksAndSiteImages_AreAccepted(string body)
    {
        Assert.NotNull(Parse(body).Article);
    }

    [Theory]
    [InlineData("Knee-Pain.md")]
    [InlineData("knee pain.md")]
    [InlineData("knee_pain.md")]
    [InlineData("knee-pain.markdown")]
    [InlineData("knee-pain.txt")]
    public void Parse_FileNameThatIsNotALowercaseSlugDotMd_IsAProblem(string fileName)
    {
        var result = Parse("Text.", fileName);

        Assert.Null(result.Article);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void Parse_ValidFile_SlugIsTheFileName()
    {
        Assert.Equal("knee-pain-2", Parse("Text.", "knee-pain-2.md").Article!.Slug);
    }
}
