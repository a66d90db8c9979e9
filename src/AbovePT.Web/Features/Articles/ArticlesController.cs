using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace AbovePT.Web.Features.Articles;

[ResponseCache(CacheProfileName = CacheProfiles.PublicPage)]
[OutputCache(PolicyName = ArticlePageCachePolicy.Name)]
public sealed class ArticlesController(ArticleLibrary library, ArticleJsonLd jsonLd) : Controller
{
    [HttpGet("/articles")]
    public IActionResult Index() => View(library.Current.Listed);

    /// <summary>
    /// Looks the slug up in the in-memory snapshot only: no request ever touches the file system, so no
    /// slug (<c>../appsettings</c>, <c>CON</c>, …) can read a file. Anything unknown is the friendly 404.
    /// </summary>
    [HttpGet("/articles/{slug}")]
    public IActionResult Article(string slug) =>
        library.Current.Find(slug) is { } article
            ? View(new ArticlePageModel(article, jsonLd.Build(article)))
            : NotFound();
}

public sealed record ArticlePageModel(Article Article, JsonLdScript JsonLd);
