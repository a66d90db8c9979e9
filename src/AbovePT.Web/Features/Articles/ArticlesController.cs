using AbovePT.Web.Hosting.Languages;
using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Mvc;

namespace AbovePT.Web.Features.Articles;

[ResponseCache(CacheProfileName = CacheProfiles.PublicPage)]
[CachedPage]
public sealed class ArticlesController(ArticleLibrary library, ArticleJsonLd jsonLd, ArticleValidators validators) : Controller
{
    [HttpGet(PatientRoutes.Articles, Name = "articles")]
    [HttpGet(PatientRoutes.ArticlesEs, Name = "articles" + PageAddresses.SpanishSuffix, Order = 1)]
    public IActionResult Index()
    {
        var articles = library.Current.ListedIn(SiteLanguages.IsSpanish ? ArticleLanguage.Spanish : ArticleLanguage.English);
        return validators.IsNotModified(HttpContext, articles) ? StatusCode(StatusCodes.Status304NotModified) : View(articles);
    }

    /// <summary>
    /// Looks the slug up in the in-memory snapshot only: no request ever touches the file system, so no
    /// slug (<c>../appsettings</c>, <c>CON</c>, …) can read a file. Anything unknown is the friendly 404.
    /// </summary>
    /// <remarks>
    /// An article and its translation have different slugs, so these routes are not a twin pair (their names
    /// differ): the article's view names its twin in <c>ViewData["Twin"]</c> when it has one.
    /// </remarks>
    [HttpGet("/articles/{slug}", Name = "article")]
    [HttpGet(PatientRoutes.ArticlesEs + "/{slug}", Name = "articulo", Order = 1)]
    public IActionResult Article(string slug)
    {
        var snapshot = library.Current;
        if (snapshot.Find(SiteLanguages.IsSpanish ? ArticleLanguage.Spanish : ArticleLanguage.English, slug) is not { } article)
        {
            return NotFound();
        }

        var twin = snapshot.TwinOf(article);
        if (validators.IsNotModified(HttpContext, article, twin))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        // The layout's language link and hreflang alternates: only to a translation that is published.
        ViewData["Twin"] = twin?.Path;
        return View(new ArticlePageModel(article, jsonLd.Build(article)));
    }
}

public sealed record ArticlePageModel(Article Article, JsonLdScript JsonLd);
