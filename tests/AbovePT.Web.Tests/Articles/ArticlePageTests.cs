using System.Net;
using AbovePT.Web.Features.Articles;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Articles;

/// <summary>The clinic's real article, served from the repository's <c>content/</c> folder.</summary>
public sealed class ArticlePageTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private const string KneePain = "/articles/knee-pain-after-running";

    [Fact]
    public async Task Article_KneePain_ShowsTitleSectionsAndEveryFigure()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync(KneePain);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Why You’re Having Knee Pain After Running", document.QuerySelector("h1")?.TextContent);
        var body = document.QuerySelector(".article__body")!;
        Assert.Equal(
            ["Why does it happen?", "Common causes", "What helps"],
            body.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Equal(
            ["Running errors", "Mechanics", "Runner’s knee", "Iliotibial band syndrome (ITBS)", "Warm up and cool down", "Rest"],
            body.QuerySelectorAll("h3").Select(h => h.TextContent));
        var text = Words(body.TextContent);
        Assert.Contains("one of the 30-50% of runners that experience an injury every year", text);
        Assert.Contains("You put 550% of your normal body weight on your feet when you run", text);
        Assert.Equal(3, body.QuerySelectorAll("#running-errors + p + ul > li").Length);
    }

    [Fact]
    public async Task Article_KneePain_HasThePlainTyposFixed()
    {
        var client = factory.CreateClient();

        var text = Words((await Html.GetAsync(client, KneePain)).QuerySelector(".article__body")!.TextContent);

        Assert.Contains("You may be making these mistakes when running", text);
        Assert.Contains("You are more likely to develop this if you have flat feet", text);
        Assert.DoesNotContain("this mistakes", text);
        Assert.DoesNotContain("develop this is you have", text);
    }

    [Fact]
    public async Task Article_KneePain_EndsWithARequestLinkNamingTheArticle()
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, KneePain);

        var links = document.QuerySelectorAll(".article__body a");
        var link = links[^1];
        Assert.Equal("/appointments/request?from=knee-pain-after-running", link.GetAttribute("href"));
        Assert.Contains("schedule an appointment", Words(link.TextContent));
    }

    [Fact]
    public async Task Article_TableOfContents_LinksToEverySectionOnThePage()
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, KneePain);

        var targets = document.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(9, targets.Count);
        Assert.All(targets, href => Assert.NotNull(document.QuerySelector(".article__body " + href)));
        Assert.Equal("#runners-knee", targets[4]);
    }

    [Fact]
    public async Task Article_HeadCarriesTitleDescriptionCanonicalAndArticleOpenGraph()
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, KneePain);

        Assert.StartsWith("Why You’re Having Knee Pain After Running | ", document.Title);
        Assert.Contains("running does not love you back", document.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        Assert.Equal("https://www.abovept.example/articles/knee-pain-after-running", document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal("article", document.QuerySelector("meta[property='og:type']")?.GetAttribute("content"));
        Assert.Equal("2025-12-15", document.QuerySelector("meta[property='article:published_time']")?.GetAttribute("content"));
    }

    [Fact]
    public async Task Article_ShowsDateAuthorAndReadingTime()
    {
        var client = factory.CreateClient();

        var meta = (await Html.GetAsync(client, KneePain)).QuerySelector(".article__header .article-meta")!;

        Assert.Equal("2025-12-15", meta.QuerySelector("time")?.GetAttribute("datetime"));
        Assert.Contains("December 15, 2025", meta.TextContent);
        Assert.Contains("By Above & Beyond Physical Therapy", meta.TextContent);
        Assert.Contains("3 min read", meta.TextContent);
        Assert.DoesNotContain("reviewed", meta.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Article_JsonLd_DescribesAnEnglishMedicalWebPageByThePracticeAndEachClinic()
    {
        var client = factory.CreateClient();

        var graph = StructuredData.Graph(await Html.GetAsync(client, KneePain));

        var page = StructuredData.Node(graph, "MedicalWebPage");
        Assert.Equal("Why You’re Having Knee Pain After Running", page.GetProperty("name").GetString());
        Assert.Equal("en-US", page.GetProperty("inLanguage").GetString());
        Assert.Equal("2025-12-15", page.GetProperty("datePublished").GetString());
        Assert.False(page.TryGetProperty("lastReviewed", out _));
        Assert.False(page.TryGetProperty("reviewedBy", out _));
        Assert.Equal(StructuredData.PracticeId, page.GetProperty("author").GetProperty("@id").GetString());
        Assert.Equal(StructuredData.PracticeId, page.GetProperty("publisher").GetProperty("@id").GetString());
        Assert.Equal(
            "https://www.abovept.example/es/articulos/dolor-de-rodilla-al-correr#page",
            page.GetProperty("workTranslation").GetProperty("@id").GetString());
        StructuredData.AssertPracticeAndClinics(graph, StructuredData.Clinics("https://www.abovept.example/"));
    }

    [Fact]
    public void JsonLd_SpanishArticle_IsASpanishPageNamingItsOriginalWithTheSameClinics()
    {
        // The Spanish page's route belongs to the localized site; its data block is built here as that page builds it.
        var spanish = factory.Services.GetRequiredService<ArticleLibrary>().Current.Find(ArticleLanguage.Spanish, "dolor-de-rodilla-al-correr")!;

        var graph = StructuredData.Graph(factory.Services.GetRequiredService<ArticleJsonLd>().Build(spanish).Json);

        var page = StructuredData.Node(graph, "MedicalWebPage");
        Assert.Equal("es-US", page.GetProperty("inLanguage").GetString());
        Assert.Equal("https://www.abovept.example/es/articulos/dolor-de-rodilla-al-correr", page.GetProperty("url").GetString());
        Assert.Equal("Por qué le duele la rodilla después de correr", page.GetProperty("name").GetString());
        Assert.Equal(
            "https://www.abovept.example/articles/knee-pain-after-running#page",
            page.GetProperty("translationOfWork").GetProperty("@id").GetString());
        Assert.Equal(StructuredData.PracticeId, page.GetProperty("publisher").GetProperty("@id").GetString());
        StructuredData.AssertPracticeAndClinics(graph, StructuredData.Clinics("https://www.abovept.example/es"));
    }

    [Fact]
    public async Task Article_FooterShowsBothClinicsPhoneNumbers()
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, KneePain);

        var phones = document.QuerySelectorAll("footer a[href^='tel:']").Select(a => a.TextContent).ToList();
        Assert.Contains("480.987.1870", phones);
        Assert.Contains("602.866.2231", phones);
    }

    [Fact]
    public async Task Articles_ListsTheArticleWithDescriptionDateAndReadingTime()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/articles");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.ParseAsync(response);
        var item = document.QuerySelectorAll(".article-list__item")
            .Single(i => i.QuerySelector("a")?.GetAttribute("href") == KneePain);
        Assert.Equal("Why You’re Having Knee Pain After Running", item.QuerySelector("h2")?.TextContent);
        Assert.Contains("running does not love you back", item.TextContent);
        Assert.Equal("2025-12-15", item.QuerySelector("time")?.GetAttribute("datetime"));
        Assert.Contains("min read", item.TextContent);
    }

    [Fact]
    public async Task Home_FeaturesTheNewestArticle()
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, "/");

        var featured = document.QuerySelector(".featured-article")!;
        Assert.Equal(KneePain, featured.QuerySelector("h3 a")?.GetAttribute("href"));
        Assert.Contains("Why You’re Having Knee Pain After Running", featured.TextContent);
    }

    [Theory]
    [InlineData("/articles/..%2Fappsettings")]
    [InlineData("/articles/..%2Fappsettings.json")]
    [InlineData("/articles/%2e%2e%2f")]
    [InlineData("/articles/%2e%2e%2fappsettings")]
    [InlineData("/articles/..%5Cappsettings.json")]
    [InlineData("/articles/CON")]
    [InlineData("/articles/knee-pain-after-running.md")]
    [InlineData("/articles/no-such-article")]
    public async Task Article_UnsafeOrUnknownSlug_IsTheFriendly404(string path)
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("We couldn't find that page", document.QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain("\"Logging\"", document.Source.Text);
    }

    [Fact]
    public async Task Article_VeryLongSlug_IsTheFriendly404()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/articles/" + new string('a', 300));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("We couldn't find that page", (await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }

    /// <summary>The text as a reader sees it: line breaks in the Markdown source are just spaces.</summary>
    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
