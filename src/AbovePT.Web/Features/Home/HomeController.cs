using AbovePT.Web.Clinic;
using AbovePT.Web.Features.Articles;
using AbovePT.Web.Hosting.Languages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Home;

public sealed class HomeController(IOptions<ClinicOptions> clinic, ArticleLibrary articles) : Controller
{
    [HttpGet(PatientRoutes.Home, Name = "home")]
    [HttpGet(PatientRoutes.HomeEs, Name = "home" + PageAddresses.SpanishSuffix, Order = 1)]
    public IActionResult Index() =>
        // No article is in Spanish yet (see ArticlesController), so the Spanish home page features none.
        View(new HomeViewModel(clinic.Value.OrderedLocations.ToList(), SiteLanguages.IsSpanish ? null : articles.Current.Featured));
}

/// <summary>The home page: both clinics and the newest published article, if there is one.</summary>
public sealed record HomeViewModel(IReadOnlyList<ClinicLocation> Locations, Article? FeaturedArticle);
