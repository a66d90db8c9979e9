using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Tests.Site;

public sealed class ClinicOptionsTests
{
    [Theory]
    [InlineData("Clinic:Locations:phoenix:Phone")]
    [InlineData("Clinic:Locations:queen-creek:Email")]
    public void StartUp_WithoutARequiredLocationSetting_FailsNamingTheKey(string key)
    {
        using var factory = new SiteFactory().WithSetting(key, "");

        var error = Assert.IsType<OptionsValidationException>(factory.StartupError());

        Assert.Contains(key, error.Message);
    }
}
