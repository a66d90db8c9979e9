using AbovePT.Web.Clinic;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Home;

public sealed class HomeController(IOptions<ClinicOptions> clinic) : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View(new HomeViewModel(clinic.Value.OrderedLocations.ToList()));
}

public sealed record HomeViewModel(IReadOnlyList<ClinicLocation> Locations);
