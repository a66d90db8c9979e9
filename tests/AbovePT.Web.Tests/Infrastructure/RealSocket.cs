using Microsoft.AspNetCore.Mvc.Testing;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>
/// The site on a real Kestrel port instead of the in-memory TestServer, for what only a socket shows:
/// the client's address, and what Kestrel really puts on the wire (a HEAD answer without a body).
/// </summary>
public static class RealSocket
{
    /// <summary>Starts the site on a free port on 127.0.0.1 and returns its address; call before any request.</summary>
    public static Uri StartOnRealSocket(this SiteFactory site)
    {
        site.UseKestrelOnFreePort();
        site.StartServer();
        using var factoryClient = site.CreateClient();
        return factoryClient.BaseAddress!;
    }

    /// <summary>A plain client, as a monitor or a script would use: no cookies kept, no redirect followed.</summary>
    public static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
}

/// <summary>
/// A class fixture: one site on a real port (<see cref="RealSocket.StartOnRealSocket"/>) and a plain client for it,
/// shared by the tests of a class. Derive from it to start another kind of site.
/// </summary>
public class RealSocketSite : IDisposable
{
    private readonly SiteFactory _factory;

    public RealSocketSite()
        : this(new SiteFactory())
    {
    }

    protected RealSocketSite(SiteFactory factory)
    {
        _factory = factory;
        Client = RealSocket.Client(factory.StartOnRealSocket());
    }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }
}
