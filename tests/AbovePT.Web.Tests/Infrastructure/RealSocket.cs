using Microsoft.AspNetCore.Mvc.Testing;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>
/// The site on a real Kestrel port instead of the in-memory TestServer, for what only a socket shows:
/// the client's address, and what Kestrel really puts on the wire (a HEAD answer without a body).
/// </summary>
public static class RealSocket
{
    /// <summary>Starts the site on a free port on 127.0.0.1 and returns its address; call before any request.</summary>
    public static Uri StartOnRealSocket(this WebApplicationFactory<Program> site)
    {
        site.UseKestrel(0);
        site.StartServer();
        using var factoryClient = site.CreateClient();
        return factoryClient.BaseAddress!;
    }

    /// <summary>A plain client, as a monitor or a script would use: no cookies kept, no redirect followed.</summary>
    public static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
}
