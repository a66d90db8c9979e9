using AbovePT.Web.Clinic;
using AbovePT.Web.Features.Articles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Home;

public sealed class HomeController(IOptions<ClinicOptions> clinic, ArticleLibrary articles, PracticeJsonLd jsonLd) : Controller
{
    [HttpGet("/")]
    public IActionResult Index() =>
        View(new HomeViewModel(
            clinic.Value.OrderedLocations.ToList(),
            articles.Current.FeaturedIn(ArticleLanguage.English),
            jsonLd.Build(ArticleLanguage.English)));
}

/// <summary>The home page: both clinics, the newest published article if there is one, and the practice's structured data.</summary>
public sealed record HomeViewModel(IReadOnlyList<ClinicLocation> Locations, Article? FeaturedArticle, JsonLdScript JsonLd);
