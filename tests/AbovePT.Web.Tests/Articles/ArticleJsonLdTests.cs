using System.Text.Json;
using AbovePT.Web.Clinic;
using AbovePT.Web.Features.Articles;
using AbovePT.Web.Hosting;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Tests.Articles;

public sealed class ArticleJsonLdTests
{
    private static readonly ArticleJsonLd JsonLd = new(
        Options.Create(new SiteOptions()),
        Options.Create(new ClinicOptions()));

    private static Article Sample(string title = "Sample", string? reviewedBy = null, DateOnly? lastReviewed = null) =>
        ArticleParser.Parse("sample.md", ContentFolder.Article(title)).Article! with { ReviewedBy = reviewedBy, LastReviewed = lastReviewed };

    [Fact]
    public void Build_TitleThatClosesTheScript_StaysInsideTheDataBlock()
    {
        var script = JsonLd.Build(Sample(title: "</script><script>alert(1)</script>"));

        using var writer = new StringWriter();
        ((IHtmlContent)script).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        var html = writer.ToString();
        Assert.Equal(1, CountOf(html, "</script>"));
        Assert.EndsWith("</script>", html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(script.Json);
        Assert.Equal("</script><script>alert(1)</script>", json.RootElement.GetProperty("@graph")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Build_WithReview_AddsLastReviewedAndReviewer()
    {
        var script = JsonLd.Build(Sample(reviewedBy: "Jane Example, PT", lastReviewed: new DateOnly(2026, 2, 1)));

        using var json = JsonDocument.Parse(script.Json);
        var page = json.RootElement.GetProperty("@graph")[0];
        Assert.Equal("2026-02-01", page.GetProperty("lastReviewed").GetString());
        Assert.Equal("Jane Example, PT", page.GetProperty("reviewedBy").GetProperty("name").GetString());
    }

    private static int CountOf(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
