using AbovePT.Web.Clinic;
using AbovePT.Web.Features.Articles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Home;

public sealed class HomeController(IOptions<ClinicOptions> clinic, ArticleLibrary articles) : Controller
{
    [HttpGet("/")]
    public IActionResult Index() =>
        View(new HomeViewModel(clinic.Value.OrderedLocations.ToList(), articles.Current.FeaturedIn(ArticleLanguage.English)));
}

/// <summary>The home page: both clinics and the newest published article, if there is one.</summary>
public sealed record HomeViewModel(IReadOnlyList<ClinicLocation> Locations, Article? FeaturedArticle);
