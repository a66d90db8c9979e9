using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Tests.Articles;

public sealed class ArticlesOptionsTests
{
    [Fact]
    public void StartUp_ContentPathThatDoesNotExist_FailsNamingTheKeyAndPath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "abovept-no-such-content-" + Guid.NewGuid().ToString("N"));
        using var factory = new SiteFactory().WithSetting("Articles:ContentPath", missing);

        var error = Assert.IsType<OptionsValidationException>(factory.StartupError());

        Assert.Contains("Articles:ContentPath", error.Message);
        Assert.Contains(missing, error.Message);
    }
}
