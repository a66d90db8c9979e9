using System.Net;
using System.Xml.Linq;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Articles;

public sealed class SyndicationTests(SampleContentFactory factory) : IClassFixture<SampleContentFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private const string Base = "https://www.abovept.example";

    [Fact]
    public async Task Sitemap_ListsExactlyThePublishedArticlesWithLastModified()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/sitemap.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var sitemap = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var urls = sitemap.Root!.Elements(Sitemap + "url").ToDictionary(u => u.Element(Sitemap + "loc")!.Value, u => u.Element(Sitemap + "lastmod")?.Value);
        Assert.Equal(
            SampleContentFactory.PublishedPaths.Select(p => Base + p).Order(),
            urls.Keys.Where(u => u.StartsWith(Base + "/articles/", StringComparison.Ordinal)).Order());
        Assert.Equal("2025-12-15", urls[Base + "/articles/knee-pain-after-running"]);
        Assert.Contains(Base + "/", urls.Keys);
        Assert.Contains(Base + "/articles", urls.Keys);
    }

    [Fact]
    public async Task Feed_IsAtomListingExactlyThePublishedArticlesNewestFirst()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/feed.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal(Base + "/feed.xml", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")?.Value);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(
            SampleContentFactory.PublishedPaths.Select(p => Base + p),
            entries.Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value));
        var knee = entries.Single(e => e.Element(Atom + "title")!.Value == "Why You’re Having Knee Pain After Running");
        Assert.Equal("2025-12-15T00:00:00-07:00", knee.Element(Atom + "published")?.Value);
        Assert.Contains("550%", knee.Element(Atom + "content")?.Value);
        Assert.Equal("2026-03-02T00:00:00-07:00", feed.Element(Atom + "updated")?.Value);
    }

    [Fact]
    public async Task Sitemap_ListsBothVersionsOfEachPairWithReciprocalAlternates()
    {
        var client = factory.CreateClient();

        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));

        var alternates = sitemap.Root!.Elements(Sitemap + "url").ToDictionary(
            u => u.Element(Sitemap + "loc")!.Value,
            u => u.Elements(Xhtml + "link")
                .Select(l => (Rel: (string?)l.Attribute("rel"), HrefLang: (string?)l.Attribute("hreflang"), Href: (string?)l.Attribute("href")))
                .ToList());
        Assert.Equal(["/", "/articles", "/es", "/es/articulos"], alternates.Keys.Where(u => !u.Contains("/articles/", StringComparison.Ordinal) && !u.Contains("/articulos/", StringComparison.Ordinal)).Select(u => u[Base.Length..]).Order(StringComparer.Ordinal));
        foreach (var (english, spanish) in new[] { ("/articles/knee-pain-after-running", "/es/articulos/dolor-de-rodilla-al-correr"), ("/", "/es"), ("/articles", "/es/articulos") })
        {
            List<(string?, string?, string?)> pair = [("alternate", "en-US", Base + english), ("alternate", "es-US", Base + spanish), ("alternate", "x-default", Base + english)];
            Assert.Equal(pair, alternates[Base + english]);
            Assert.Equal(pair, alternates[Base + spanish]);
        }

        // An article with no translation is offered in its own language only.
        Assert.Empty(alternates[Base + "/articles/" + SampleContentFactory.Second]);
        // Every alternate named is a page of the sitemap that names the same alternates back.
        Assert.All(alternates, url => Assert.All(url.Value, link => Assert.Equal(url.Value, alternates[link.Href!])));
    }

    [Fact]
    public async Task Feed_Spanish_ListsTheSpanishArticlesOnlyInSpanish()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/es/feed.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("es-US", feed.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.Equal("Above & Beyond Physical Therapy: artículos de salud", feed.Element(Atom + "title")?.Value);
        Assert.Equal(Base + "/es/feed.xml", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")?.Value);
        Assert.Equal(Base + "/es/articulos", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")?.Value);
        var entry = Assert.Single(feed.Elements(Atom + "entry"));
        Assert.Equal(Base + "/es/articulos/dolor-de-rodilla-al-correr", entry.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Equal("Por qué le duele la rodilla después de correr", entry.Element(Atom + "title")?.Value);
        Assert.Contains("550%", entry.Element(Atom + "content")?.Value);
    }

    [Fact]
    public async Task Feed_English_LeavesOutTheSpanishArticle()
    {
        var client = factory.CreateClient();

        var feed = XDocument.Parse(await client.GetStringAsync("/feed.xml")).Root!;

        Assert.Equal("en-US", feed.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.DoesNotContain(feed.Elements(Atom + "entry"), e => e.ToString().Contains("dolor-de-rodilla-al-correr", StringComparison.Ordinal));
        Assert.DoesNotContain(feed.Elements(Atom + "entry"), e => e.Element(Atom + "title")!.Value.StartsWith("Por qué", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every page links its own language's feed, named as that feed names itself; the feed's title and subtitle
    /// are in its language, and it lists that language's articles only.
    /// </summary>
    [Theory]
    [InlineData("/", "/feed.xml", "en-US", "Above & Beyond Physical Therapy: health articles", "Advice from our Physical Therapists", "/articles/")]
    [InlineData("/articles", "/feed.xml", "en-US", "Above & Beyond Physical Therapy: health articles", "Advice from our Physical Therapists", "/articles/")]
    [InlineData("/articles/knee-pain-after-running", "/feed.xml", "en-US", "Above & Beyond Physical Therapy: health articles", "Advice from our Physical Therapists", "/articles/")]
    [InlineData("/es", "/es/feed.xml", "es-US", "Above & Beyond Physical Therapy: artículos de salud", "Consejos de nuestros fisioterapeutas", "/es/articulos/")]
    [InlineData("/es/articulos", "/es/feed.xml", "es-US", "Above & Beyond Physical Therapy: artículos de salud", "Consejos de nuestros fisioterapeutas", "/es/articulos/")]
    [InlineData("/es/articulos/dolor-de-rodilla-al-correr", "/es/feed.xml", "es-US", "Above & Beyond Physical Therapy: artículos de salud", "Consejos de nuestros fisioterapeutas", "/es/articulos/")]
    public async Task EachLanguagesPages_LinkTheirOwnFeed_InThatLanguage(string page, string feedPath, string lang, string title, string subtitle, string articles)
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, page);

        var link = Assert.Single(document.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']"));
        Assert.Equal((feedPath, title), (link.GetAttribute("href"), link.GetAttribute("title")));
        var response = await client.GetAsync(feedPath);
        Assert.Equal([lang[..2]], response.Content.Headers.ContentLanguage);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(lang, feed.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.Equal(title, feed.Element(Atom + "title")?.Value);
        Assert.StartsWith(subtitle, feed.Element(Atom + "subtitle")?.Value, StringComparison.Ordinal);
        var entries = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, href => Assert.StartsWith(Base + articles, href, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RobotsTxt_AllowsCrawlingAndPointsAtTheSitemap()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Sitemap: " + Base + "/sitemap.xml", lines);
        Assert.DoesNotContain("Disallow: /", lines);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles")]
    [InlineData("/sitemap.xml")]
    [InlineData("/feed.xml")]
    [InlineData("/es/feed.xml")]
    public async Task Draft_AppearsNowhere(string path)
    {
        var client = factory.CreateClient();

        var text = await client.GetStringAsync(path);

        Assert.DoesNotContain(SampleContentFactory.Draft, text);
        Assert.DoesNotContain("Secret draft article", text);
    }

    [Fact]
    public async Task Draft_ArticlePageIsNotFound()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/articles/" + SampleContentFactory.Draft);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Articles_ListsPublishedArticlesNewestFirstAndLeavesOutTheBrokenFile()
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, "/articles");

        Assert.Equal(
            SampleContentFactory.PublishedPaths,
            document.QuerySelectorAll(".article-list__title a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/" + SampleContentFactory.Broken)).StatusCode);
    }

    [Fact]
    public async Task Home_FeaturesTheNewestPublishedArticleNotTheNewerDraft()
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, "/");

        Assert.Equal("/articles/" + SampleContentFactory.Second, document.QuerySelector(".featured-article h3 a")?.GetAttribute("href"));
    }
}
