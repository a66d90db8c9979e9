using AbovePT.Web.Features.Articles;

namespace AbovePT.Web.Tests.Articles;

public sealed class FrontMatterParserTests
{
    private const string Valid = """
        ---
        title: "Knees: why they hurt"
        description: A short summary.
        published: 2025-12-15
        updated: 2026-01-05
        author: Above & Beyond Physical Therapy
        reviewedBy: Jane Example, PT, DPT
        lastReviewed: 2026-01-04
        tags: [running, knee pain]
        draft: true
        ---

        Body text.
        """;

    [Fact]
    public void Parse_EveryField_ReadsEachValue()
    {
        var result = FrontMatterParser.Parse(Valid);

        Assert.Empty(result.Problems);
        var meta = result.FrontMatter!;
        Assert.Equal("Knees: why they hurt", meta.Title);
        Assert.Equal("A short summary.", meta.Description);
        Assert.Equal(new DateOnly(2025, 12, 15), meta.Published);
        Assert.Equal(new DateOnly(2026, 1, 5), meta.Updated);
        Assert.Equal("Above & Beyond Physical Therapy", meta.Author);
        Assert.Equal("Jane Example, PT, DPT", meta.ReviewedBy);
        Assert.Equal(new DateOnly(2026, 1, 4), meta.LastReviewed);
        Assert.Equal(["running", "knee pain"], meta.Tags);
        Assert.True(meta.Draft);
        Assert.Equal("Body text.", result.Body.Trim());
        Assert.Equal(12, result.BodyLine);
    }

    [Fact]
    public void Parse_OptionalFieldsLeftOut_DefaultsToPublishedWithNoReview()
    {
        var result = FrontMatterParser.Parse("---\ntitle: T\ndescription: D\npublished: 2025-12-15\nauthor: A\n---\nBody");

        Assert.Empty(result.Problems);
        Assert.Null(result.FrontMatter!.Updated);
        Assert.Null(result.FrontMatter.ReviewedBy);
        Assert.Null(result.FrontMatter.LastReviewed);
        Assert.Empty(result.FrontMatter.Tags);
        Assert.False(result.FrontMatter.Draft);
        Assert.Equal("en", result.FrontMatter.Language);
        Assert.Null(result.FrontMatter.TranslationOf);
    }

    [Fact]
    public void Parse_Translation_ReadsItsLanguageAndOriginal()
    {
        var result = FrontMatterParser.Parse("---\ntitle: T\ndescription: D\npublished: 2025-12-15\nauthor: A\nlang: es\ntranslationOf: knee-pain-after-running\n---\nBody");

        Assert.Empty(result.Problems);
        Assert.Equal("es", result.FrontMatter!.Language);
        Assert.Equal("knee-pain-after-running", result.FrontMatter.TranslationOf);
    }

    [Fact]
    public void Parse_WindowsLineEndingsAndByteOrderMark_AreAccepted()
    {
        var result = FrontMatterParser.Parse("\uFEFF" + Valid.ReplaceLineEndings("\r\n"));

        Assert.Empty(result.Problems);
        Assert.Equal("Knees: why they hurt", result.FrontMatter!.Title);
    }

    [Theory]
    [InlineData("Just text, no front matter.", "must start with front matter")]
    [InlineData("---\ntitle: T\n", "never closed")]
    [InlineData("---\ntitle: Knees: why\n---\n", "not valid YAML on line 2")]
    [InlineData("---\ndescription: D\npublished: 2025-12-15\nauthor: A\n---\n", "'title' is missing")]
    [InlineData("---\ntitle: \"  \"\ndescription: D\npublished: 2025-12-15\nauthor: A\n---\n", "'title' on line 2 must be plain text")]
    [InlineData("---\ntitle: T\ndescription: D\npublished: 15/12/2025\nauthor: A\n---\n", "'published' on line 4 must be a date")]
    [InlineData("---\ntitle: T\ndescription: D\nauthor: A\n---\n", "'published' is missing")]
    [InlineData("---\ntitle: T\ndescription: D\npublished: 2025-12-15\nupdated: 2025-01-01\nauthor: A\n---\n", "'updated' (2025-01-01) is before 'published'")]
    [InlineData("---\ntitle: T\ndescription: D\npublished: 2025-12-15\nauthor: A\npublised: 2025-12-15\n---\n", "unknown field 'publised' on line 6")]
    [InlineData("---\nTitle: T\ndescription: D\npublished: 2025-12-15\nauthor: A\n---\n", "field 'Title' on line 2 must be spelled 'title'")]
    [InlineData("---\ntitle: T\ndescription: D\npublished: 2025-12-15\nauthor: A\ntags: running\n---\n", "'tags' on line 6 must be a list")]
    [InlineData("---\ntitle: T\ndescription: D\npublished: 2025-12-15\nauthor: A\ndraft: maybe\n---\n", "'draft' on line 6 must be true or false")]
    [InlineData("---\n- just\n- a list\n---\n", "must be a list of fields")]
    [InlineData("---\ntitle: T\ndescription: D\npublished: 2025-12-15\nauthor: A\nlang: es-MX\n---\n", "'lang' on line 6 must be en (English) or es (Spanish)")]
    [InlineData("---\ntitle: T\ndescription: D\npublished: 2025-12-15\nauthor: A\nlang: es\ntranslationOf: knee-pain-after-running.md\n---\n", "'translationOf' on line 7 must be the original article's file name without '.md'")]
    public void Parse_BadFrontMatter_ExplainsTheProblem(string text, string expected)
    {
        var result = FrontMatterParser.Parse(text);

        Assert.Null(result.FrontMatter);
        Assert.Contains(result.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}
