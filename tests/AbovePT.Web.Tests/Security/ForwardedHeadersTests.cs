using System.Net;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Security;

/// <summary>
/// Over a real socket from 127.0.0.1 in Production: <c>X-Forwarded-Proto: https</c> spares the redirect
/// only when the sender is a configured proxy, so nobody else can pose as the proxy (or pick the client
/// address the rate limit sees, which comes from the same headers).
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task ForwardedProto_FromConfiguredProxy_IsHonoured()
    {
        using var site = BehindProxies("127.0.0.1", "::1");
        using var client = RealSocket.Client(site.StartOnRealSocket());

        var response = await client.SendAsync(ForwardedAsHttps());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ForwardedProto_FromUnknownSender_IsIgnored()
    {
        using var site = BehindProxies("10.20.30.40");
        using var client = RealSocket.Client(site.StartOnRealSocket());

        var response = await client.SendAsync(ForwardedAsHttps());

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(Uri.UriSchemeHttps, response.Headers.Location?.Scheme);
    }

    [Fact]
    public void KnownProxies_Malformed_StopsStartupNamingTheKey()
    {
        using var site = new ProbeSiteFactory { Environment = "Production" };
        site.WithSetting("ForwardedHeaders:KnownProxies:0", "not-an-ip");

        var error = site.StartupError();

        Assert.Contains("ForwardedHeaders:KnownProxies:0", error.ToString());
    }

    private static ProbeSiteFactory BehindProxies(params string[] proxies)
    {
        var site = new ProbeSiteFactory { Environment = "Production" };
        for (var i = 0; i < proxies.Length; i++)
        {
            site.WithSetting($"ForwardedHeaders:KnownProxies:{i}", proxies[i]);
        }

        return site;
    }

    private static HttpRequestMessage ForwardedAsHttps()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/privacy");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return request;
    }
}
