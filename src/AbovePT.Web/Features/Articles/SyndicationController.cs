using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using AbovePT.Web.Clinic;
using AbovePT.Web.Hosting;
using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// What search engines and feed readers fetch: the sitemap, robots.txt and an Atom feed. All list the
/// published articles only (never drafts) and use <c>Site:BaseUrl</c>, never the request's host.
/// </summary>
[ResponseCache(CacheProfileName = CacheProfiles.PublicPage)]
[CachedPage]
public sealed class SyndicationController(
    ArticleLibrary library, ArticleValidators validators, IOptions<SiteOptions> site, IOptions<ClinicOptions> clinic, TimeProvider time)
    : Controller
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [HttpGet("/sitemap.xml")]
    public IActionResult SitemapXml()
    {
        var articles = library.Current.PublishedIn(ArticleLanguage.English);
        if (validators.IsNotModified(HttpContext, articles))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        var pages = new List<XElement>
        {
            Url("/", articles.Count > 0 ? articles.Max(a => a.LastModified) : null),
            Url("/articles", articles.Count > 0 ? articles.Max(a => a.LastModified) : null),
        };
        pages.AddRange(articles.Select(a => Url(a.Path, a.LastModified)));
        return Xml(new XElement(Sitemap + "urlset", pages), "application/xml");

        XElement Url(string path, DateOnly? lastModified) => new(
            Sitemap + "url",
            new XElement(Sitemap + "loc", Absolute(path)),
            lastModified is { } date ? new XElement(Sitemap + "lastmod", ArticleDates.Iso(date)) : null);
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

    [HttpGet("/feed.xml")]
    public IActionResult FeedXml()
    {
        var articles = library.Current.PublishedIn(ArticleLanguage.English);
        if (validators.IsNotModified(HttpContext, articles))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        var practice = clinic.Value.PracticeName;
        // Atom requires a date even for an empty feed: then the feed is as new as today.
        var updated = articles.Count > 0 ? articles.Max(a => a.LastModified) : ArizonaTime.Today(time);
        var feed = new XElement(
            Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", "en-US"),
            new XElement(Atom + "id", Absolute("/articles")),
            new XElement(Atom + "title", $"{practice}: health articles"),
            new XElement(Atom + "subtitle", "Advice from our Physical Therapists in Queen Creek and Phoenix, Arizona."),
            new XElement(Atom + "updated", Timestamp(updated)),
            new XElement(Atom + "author", new XElement(Atom + "name", practice), new XElement(Atom + "uri", Absolute("/"))),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", Absolute("/feed.xml"))),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", Absolute("/articles"))),
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
