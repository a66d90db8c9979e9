using System.Net;
using System.Net.Http.Headers;
using AbovePT.Web.Tests.Infrastructure;
using AngleSharp.Dom;

namespace AbovePT.Web.Tests.Languages;

/// <summary>Each patient page answers under <c>/es</c> in Spanish, and each language's page links the other's.</summary>
public sealed class SpanishPagesTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private const string Origin = "https://www.abovept.example";

    public static TheoryData<string, string, string> Twins => new()
    {
        { "/", "/es", "Above & Beyond Physical Therapy" },
        { "/articles", "/es/articulos", "Artículos de salud" },
        { "/privacy", "/es/privacidad", "Aviso de privacidad" },
    };

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task SpanishPage_IsInSpanishAndLinksItsEnglishTwin(string english, string spanish, string h1)
    {
        var response = await factory.CreateClient().GetAsync(spanish);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("es", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(h1, document.QuerySelector("h1")?.TextContent);
        var link = Assert.Single(document.QuerySelectorAll("header a[hreflang]"));
        Assert.Equal(("English", english, "en"), (link.TextContent, link.GetAttribute("href"), link.GetAttribute("lang")));
        Assert.Equal(Origin + spanish, document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        AssertAlternates(document, english, spanish);
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task EnglishPage_StaysEnglishAndLinksItsSpanishTwin(string english, string spanish, string h1)
    {
        _ = h1;
        var document = await Html.GetAsync(factory.CreateClient(), english);

        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        var link = Assert.Single(document.QuerySelectorAll("header a[hreflang]"));
        Assert.Equal(("Español", spanish, "es"), (link.TextContent, link.GetAttribute("href"), link.GetAttribute("lang")));
        AssertAlternates(document, english, spanish);
    }

    [Fact]
    public async Task Home_WithSpanishAcceptLanguage_StaysEnglishWithoutRedirect()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("es-MX"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("es", 0.9));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Request an appointment", document.QuerySelector("header .button")?.TextContent);
    }

    [Theory]
    [InlineData("/?culture=es")]
    [InlineData("/?ui-culture=es")]
    public async Task Home_WithCultureInTheQuery_StaysEnglish(string path)
    {
        var document = await Html.GetAsync(factory.CreateClient(), path);

        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Home_WithTheFrameworksCultureCookie_StaysEnglish()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Des%7Cuic%3Des");

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal("en", (await Html.ParseAsync(response)).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/es/no-hay-tal-pagina")]
    [InlineData("/es/articulos/no-such-article")]
    public async Task UnknownSpanishPath_IsTheSpanish404WithoutATwin(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("es", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("No encontramos esa página", document.QuerySelector("h1")?.TextContent);
        Assert.Contains("/es/citas/solicitar", document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
        Assert.Empty(document.QuerySelectorAll("header a[hreflang], link[hreflang]"));
    }

    [Fact]
    public async Task Article_AndItsTranslation_LinkEachOther_BothWays()
    {
        var english = await Html.GetAsync(factory.CreateClient(), "/articles/knee-pain-after-running");
        var spanish = await Html.GetAsync(factory.CreateClient(), "/es/articulos/dolor-de-rodilla-al-correr");

        Assert.Equal("es", spanish.DocumentElement.GetAttribute("lang"));
        Assert.Equal("/es/articulos/dolor-de-rodilla-al-correr", english.QuerySelector("header a[hreflang=es]")?.GetAttribute("href"));
        Assert.Equal("/articles/knee-pain-after-running", spanish.QuerySelector("header a[hreflang=en]")?.GetAttribute("href"));
        foreach (var page in new[] { english, spanish })
        {
            Assert.EndsWith("/articles/knee-pain-after-running", page.QuerySelector("link[hreflang=en]")?.GetAttribute("href"));
            Assert.EndsWith("/es/articulos/dolor-de-rodilla-al-correr", page.QuerySelector("link[hreflang=es]")?.GetAttribute("href"));
            Assert.EndsWith("/articles/knee-pain-after-running", page.QuerySelector("link[hreflang=x-default]")?.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task EnglishSlug_UnderSpanish_And_SpanishSlug_UnderEnglish_Are404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/es/articulos/knee-pain-after-running")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/articles/dolor-de-rodilla-al-correr")).StatusCode);
    }

    [Fact]
    public async Task SpanishArticleList_ListsTheSpanishArticleOnly()
    {
        var document = await Html.GetAsync(factory.CreateClient(), "/es/articulos");

        var links = document.QuerySelectorAll("main a[href^='/es/articulos/']").Select(a => a.GetAttribute("href")).Distinct().ToList();
        Assert.Equal(["/es/articulos/dolor-de-rodilla-al-correr"], links);
    }

    [Fact]
    public async Task SpanishPage_LinksThePatientPagesInSpanish()
    {
        var document = await Html.GetAsync(factory.CreateClient(), "/es");

        var links = document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/es/articulos", links);
        Assert.Contains("/es/citas/solicitar", links);
        Assert.Contains("/es/citas/solicitar?location=phoenix", links);
        Assert.Contains("/es/privacidad", links);
        Assert.Equal("Saltar al contenido principal", document.QuerySelector(".skip-link")?.TextContent);
    }

    [Theory]
    [InlineData("/ES/Articulos", "/es/articulos")]
    [InlineData("/es/privacidad/", "/es/privacidad")]
    public async Task OtherSpellingOfASpanishPage_RedirectsToItsOwnSpanishAddress(string path, string canonical)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task KeptPages_AreKeptPerLanguage()
    {
        var client = factory.CreateClient();
        await client.GetAsync("/articles");
        await client.GetAsync("/es/articulos");

        var english = await Html.GetAsync(client, "/articles");
        var spanish = await Html.GetAsync(client, "/es/articulos");

        Assert.Equal(("en", "Health articles"), (english.DocumentElement.GetAttribute("lang"), english.QuerySelector("h1")?.TextContent));
        Assert.Equal(("es", "Artículos de salud"), (spanish.DocumentElement.GetAttribute("lang"), spanish.QuerySelector("h1")?.TextContent));
    }

    public static TheoryData<string, string> PagesAndTheirLanguage => new()
    {
        { "/", "en" },
        { "/es", "es" },
        { "/articles", "en" },
        { "/es/articulos", "es" },
        { "/articles/knee-pain-after-running", "en" },
        { "/es/articulos/dolor-de-rodilla-al-correr", "es" },
        { "/appointments/request", "en" },
        { "/es/citas/solicitar", "es" },
        { "/privacy", "en" },
        { "/es/privacidad", "es" },
        { "/no-such-page", "en" },
        { "/es/no-hay-tal-pagina", "es" },
    };

    /// <summary>
    /// The header and the page agree, whether the page is rendered or answered from the page cache (the list and
    /// the articles are kept, with their headers, after the first request; the second and third come from there).
    /// </summary>
    [Theory]
    [MemberData(nameof(PagesAndTheirLanguage))]
    public async Task Page_AnswersContentLanguage_ThatItsHtmlLangSays_RenderedOrKept(string path, string language)
    {
        var client = factory.CreateClient();

        foreach (var coding in new[] { null, "br", null })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (coding is not null)
            {
                request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
            }

            using var response = await client.SendAsync(request);

            Assert.Equal([language], response.Content.Headers.ContentLanguage);
            if (coding is null)
            {
                Assert.Equal(language, (await Html.ParseAsync(response)).DocumentElement.GetAttribute("lang"));
            }
        }
    }

    /// <summary>Both languages name the same pair, English as the default: hreflang pairs are reciprocal.</summary>
    private static void AssertAlternates(IDocument document, string english, string spanish)
    {
        var alternates = document.QuerySelectorAll("link[rel=alternate][hreflang]")
            .Select(l => (l.GetAttribute("hreflang"), l.GetAttribute("href"))).ToList();
        Assert.Equal([("en", Origin + english), ("es", Origin + spanish), ("x-default", Origin + english)], alternates);
    }
}
