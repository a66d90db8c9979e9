using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.BrowserTests.Infrastructure;

/// <summary>
/// The same site as the HTTP tests, but on a real Kestrel socket (a free port on loopback), because a
/// browser cannot reach the in-memory test server.
/// </summary>
public sealed class KestrelSiteFactory : SiteFactory
{
    public KestrelSiteFactory()
    {
        UseKestrelOnFreePort();
    }

    /// <summary>Starts the server and returns the address it actually listens on.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel started without an http:// address ({string.Join(", ", addresses)}).");
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}
