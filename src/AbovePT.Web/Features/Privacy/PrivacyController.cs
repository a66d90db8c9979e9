using AbovePT.Web.Clinic;
using AbovePT.Web.Hosting.Languages;
using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Privacy;

public sealed class PrivacyController(IOptions<RetentionOptions> retention, IOptions<ClinicOptions> clinic) : Controller
{
    [HttpGet(PatientRoutes.Privacy, Name = "privacy")]
    [HttpGet(PatientRoutes.PrivacyEs, Name = "privacy" + PageAddresses.SpanishSuffix, Order = 1)]
    [ResponseCache(CacheProfileName = CacheProfiles.PublicPage)]
    public IActionResult Index() =>
        View(new PrivacyViewModel(retention.Value.RetentionDays, clinic.Value.OrderedLocations.ToList()));
}

public sealed record PrivacyViewModel(int RetentionDays, IReadOnlyList<ClinicLocation> Locations);
