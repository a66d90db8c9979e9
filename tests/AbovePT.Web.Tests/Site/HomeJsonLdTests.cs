using AbovePT.Web.Tests.Articles;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Site;

/// <summary>The home page tells search engines about the practice and each clinic, from the Clinic settings.</summary>
public sealed class HomeJsonLdTests : IDisposable
{
    private readonly SiteFactory _site = new();

    [Fact]
    public async Task Home_JsonLd_HasThePracticeAndEachClinicAsItsOwnBusiness()
    {
        var graph = StructuredData.Graph(await Html.GetAsync(_site.CreateClient(), "/"));

        StructuredData.AssertPracticeAndClinics(graph, StructuredData.Clinics("https://www.abovept.example/"));
        Assert.Equal(3, graph.Count);
    }

    [Fact]
    public async Task Home_JsonLd_TakesEachClinicsDetailsFromItsSettings()
    {
        _site.WithSetting("Clinic:Locations:phoenix:Phone", "602.555.0100")
            .WithSetting("Clinic:Locations:phoenix:Fax", "602.555.0199")
            .WithSetting("Clinic:Locations:queen-creek:StreetAddress", "100 W. Example Rd., Suite 1");

        var graph = StructuredData.Graph(await Html.GetAsync(_site.CreateClient(), "/"));

        var expected = StructuredData.Clinics("https://www.abovept.example/");
        StructuredData.AssertPracticeAndClinics(graph,
        [
            expected[0] with { Street = "100 W. Example Rd., Suite 1" },
            expected[1] with { Telephone = "+16025550100", Fax = "+16025550199" },
        ]);
    }

    public void Dispose() => _site.Dispose();
}
