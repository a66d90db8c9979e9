using AbovePT.Web.Hosting.Security;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AbovePT.Web.Tests.Security;

/// <summary>
/// The Data Protection key ring is loaded beside the server's start, not before it: the first form still finds
/// a key made and stored, and the first article does not wait for it.
/// </summary>
public sealed class KeyRingAtStartTests : IDisposable
{
    private readonly SiteFactory _site = new();

    [Fact]
    public void Start_TheFrameworksKeyRingServiceIsNotRegistered_SoNothingHoldsTheServerBack()
    {
        var hosted = _site.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName).ToList();

        Assert.DoesNotContain(KeyRingLoader.FrameworkServiceName, hosted);
        Assert.Contains(typeof(KeyRingLoader).FullName, hosted);
    }

    [Fact]
    public async Task Start_WithoutAnyRequest_MakesAndStoresTheFirstKey()
    {
        _ = _site.Services;
        var keys = Path.Combine(_site.DataDirectory, "keys");

        await Eventually.AssertAsync(
            () => Task.FromResult(Directory.Exists(keys) && Directory.GetFiles(keys, "key-*.xml").Length == 1),
            "the first key is stored in the keys folder");
    }

    public void Dispose() => _site.Dispose();
}
