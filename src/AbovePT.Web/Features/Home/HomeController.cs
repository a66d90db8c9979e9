using AbovePT.Web.Clinic;
using AbovePT.Web.Features.Articles;
using AbovePT.Web.Hosting.Languages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Home;

public sealed class HomeController(IOptions<ClinicOptions> clinic, ArticleLibrary articles, PracticeJsonLd jsonLd) : Controller
{
    [HttpGet(PatientRoutes.Home, Name = "home")]
    [HttpGet(PatientRoutes.HomeEs, Name = "home" + PageAddresses.SpanishSuffix, Order = 1)]
    public IActionResult Index() =>
        View(new HomeViewModel(
            clinic.Value.OrderedLocations.ToList(),
            articles.Current.FeaturedIn(Language),
            jsonLd.Build(Language)));

    private static string Language => SiteLanguages.IsSpanish ? ArticleLanguage.Spanish : ArticleLanguage.English;
}

/// <summary>The home page: both clinics, the newest published article if there is one, and the practice's structured data.</summary>
public sealed record HomeViewModel(IReadOnlyList<ClinicLocation> Locations, Article? FeaturedArticle, JsonLdScript JsonLd);
