using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using AbovePT.Web.Clinic;
using AbovePT.Web.Hosting;
using AbovePT.Web.Hosting.Languages;
using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// What search engines and feed readers fetch: the sitemap (both languages), robots.txt and an Atom feed per
/// language. All list the published articles only (never drafts) and use <c>Site:BaseUrl</c>, never the request's host.
/// </summary>
[ResponseCache(CacheProfileName = CacheProfiles.PublicPage)]
[CachedPage]
public sealed class SyndicationController(
    ArticleLibrary library,
    ArticleValidators validators,
    IOptions<SiteOptions> site,
    IOptions<ClinicOptions> clinic,
    IStringLocalizer<SyndicationController> text,
    TimeProvider time)
    : Controller
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>
    /// Every published page in both languages. A page with a twin in the other language lists both versions as
    /// <c>xhtml:link</c> alternates (itself included, as search engines ask), with English as <c>x-default</c>; the
    /// twin's entry lists the same, so each pair is reciprocal.
    /// </summary>
    [HttpGet("/sitemap.xml")]
    public IActionResult SitemapXml()
    {
        var snapshot = library.Current;
        var articles = snapshot.Published;
        if (validators.IsNotModified(HttpContext, articles))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        var pages = new List<XElement>();
        foreach (var language in ArticleLanguage.All)
        {
            var newest = snapshot.PublishedIn(language) is { Count: > 0 } inLanguage ? inLanguage.Max(a => a.LastModified) : (DateOnly?)null;
            pages.Add(Url(ArticleLanguage.HomePath(language), newest, SitePages(ArticleLanguage.HomePath)));
            pages.Add(Url(ArticleLanguage.ListPath(language), newest, SitePages(ArticleLanguage.ListPath)));
        }

        foreach (var article in articles)
        {
            var twin = snapshot.TwinOf(article) is { Draft: false } published ? published : null;
            // The same alternates in the same order on both entries of a pair: English first.
            (string Language, string Path)[] versions = twin is null
                ? []
                : [.. new[] { (article.Language, article.Path), (twin.Language, twin.Path) }.OrderBy(v => v.Language != ArticleLanguage.English)];
            pages.Add(Url(article.Path, article.LastModified, versions));
        }

        return Xml(new XElement(Sitemap + "urlset", new XAttribute(XNamespace.Xmlns + "xhtml", Xhtml), pages), "application/xml");

        // The home page and the article list exist in every language, whatever the articles.
        static (string Language, string Path)[] SitePages(Func<string, string> path) =>
            [.. ArticleLanguage.All.Select(language => (language, path(language)))];

        XElement Url(string path, DateOnly? lastModified, IReadOnlyList<(string Language, string Path)> versions) => new(
            Sitemap + "url",
            new XElement(Sitemap + "loc", Absolute(path)),
            lastModified is { } date ? new XElement(Sitemap + "lastmod", ArticleDates.Iso(date)) : null,
            versions.Select(v => Alternate(ArticleLanguage.Tag(v.Language), v.Path)),
            versions.Where(v => v.Language == ArticleLanguage.English).Select(v => Alternate("x-default", v.Path)));

        XElement Alternate(string hreflang, string path) => new(
            Xhtml + "link", new XAttribute("rel", "alternate"), new XAttribute("hreflang", hreflang), new XAttribute("href", Absolute(path)));
    }

    [HttpGet("/robots.txt")]
    public IActionResult RobotsTxt() => Content(
        $"""
        User-agent: *
        Disallow: /error/
        Disallow: /staff

        Sitemap: {Absolute("/sitemap.xml")}

        """.ReplaceLineEndings("\n"),
        "text/plain; charset=utf-8");

    [HttpGet(PatientRoutes.Feed)]
    public IActionResult FeedXml() => Feed(ArticleLanguage.English, PatientRoutes.Feed);

    /// <summary>The Spanish articles' feed, beside the Spanish pages under <c>/es</c>.</summary>
    [HttpGet(PatientRoutes.FeedEs)]
    public IActionResult SpanishFeedXml() => Feed(ArticleLanguage.Spanish, PatientRoutes.FeedEs);

    /// <summary>
    /// Each language has its feed, listing that language's articles only: a reader subscribes in the language
    /// they read. The English feed is at <c>/feed.xml</c>, as it always was. Its title and subtitle come from the
    /// resources in the request's culture, which the path sets (<see cref="SiteLanguages"/>), as for every page.
    /// </summary>
    private IActionResult Feed(string language, string self)
    {
        var articles = library.Current.PublishedIn(language);
        if (validators.IsNotModified(HttpContext, articles))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        var practice = clinic.Value.PracticeName;
        var list = ArticleLanguage.ListPath(language);
        // Atom requires a date even for an empty feed: then the feed is as new as today.
        var updated = articles.Count > 0 ? articles.Max(a => a.LastModified) : ArizonaTime.Today(time);
        var feed = new XElement(
            Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", ArticleLanguage.Tag(language)),
            new XElement(Atom + "id", Absolute(list)),
            new XElement(Atom + "title", text["FeedTitle", practice].Value),
            new XElement(Atom + "subtitle", text["FeedSubtitle"].Value),
            new XElement(Atom + "updated", Timestamp(updated)),
            new XElement(Atom + "author", new XElement(Atom + "name", practice), new XElement(Atom + "uri", Absolute(ArticleLanguage.HomePath(language)))),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", Absolute(self))),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", Absolute(list))),
            articles.Select(a => new XElement(
                Atom + "entry",
                new XElement(Atom + "id", Absolute(a.Path)),
                new XElement(Atom + "title", a.Title),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", Absolute(a.Path))),
                new XElement(Atom + "published", Timestamp(a.Published)),
                new XElement(Atom + "updated", Timestamp(a.LastModified)),
                new XElement(Atom + "author", new XElement(Atom + "name", a.Author)),
                new XElement(Atom + "summary", a.Description),
                a.Tags.Select(t => new XElement(Atom + "category", new XAttribute("term", t))),
                // Links inside the article are site paths; xml:base makes them absolute for feed readers.
                new XElement(Atom + "content", new XAttribute("type", "html"), new XAttribute(XNamespace.Xml + "base", Absolute("/")), a.Html))));
        Response.Headers.ContentLanguage = language;
        return Xml(feed, "application/atom+xml");
    }

    private string Absolute(string path) => site.Value.Absolute(path).ToString();

    /// <summary>Article dates are Arizona calendar days; a feed needs an instant, so midnight there.</summary>
    private static string Timestamp(DateOnly date) =>
        ArizonaTime.StartOfDay(date).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private ContentResult Xml(XElement root, string mediaType)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }

        return Content(Encoding.UTF8.GetString(buffer.ToArray()), mediaType + "; charset=utf-8");
    }
}
