using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Mvc;

namespace AbovePT.Web.Features.Articles;

[ResponseCache(CacheProfileName = CacheProfiles.PublicPage)]
[CachedPage]
public sealed class ArticlesController(ArticleLibrary library, ArticleJsonLd jsonLd, ArticleValidators validators) : Controller
{
    [HttpGet("/articles")]
    public IActionResult Index()
    {
        var articles = library.Current.ListedIn(ArticleLanguage.English);
        return validators.IsNotModified(HttpContext, articles) ? StatusCode(StatusCodes.Status304NotModified) : View(articles);
    }

    /// <summary>
    /// Looks the slug up in the in-memory snapshot only: no request ever touches the file system, so no
    /// slug (<c>../appsettings</c>, <c>CON</c>, …) can read a file. Anything unknown is the friendly 404.
    /// </summary>
    [HttpGet("/articles/{slug}")]
    public IActionResult Article(string slug)
    {
        var snapshot = library.Current;
        if (snapshot.Find(ArticleLanguage.English, slug) is not { } article)
        {
            return NotFound();
        }

        return validators.IsNotModified(HttpContext, article, snapshot.TwinOf(article))
            ? StatusCode(StatusCodes.Status304NotModified)
            : View(new ArticlePageModel(article, jsonLd.Build(article)));
    }
}

public sealed record ArticlePageModel(Article Article, JsonLdScript JsonLd);
