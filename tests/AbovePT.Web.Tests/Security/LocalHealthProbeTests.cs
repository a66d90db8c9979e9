using System.Net;
using System.Text.Json;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Security;

/// <summary>
/// In Production the monitor on the same machine polls <c>http://127.0.0.1:5000/healthz</c>, past nginx: it
/// gets the health result, while everything else, <c>/healthz</c> for anyone else included, still goes to
/// HTTPS. Over a real socket, because only then does the site see 127.0.0.1 as the client.
/// </summary>
public sealed class LocalHealthProbeTests(LocalHealthProbeTests.Site site) : IClassFixture<LocalHealthProbeTests.Site>
{
    [Fact]
    public async Task Healthz_PlainHttpFromLoopback_AnswersTheHealthResult()
    {
        var response = await site.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Page_PlainHttpFromLoopback_IsStillRedirectedToHttps()
    {
        var response = await site.Client.GetAsync("/privacy");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(Uri.UriSchemeHttps, response.Headers.Location?.Scheme);
    }

    [Fact]
    public async Task Healthz_ForwardedByTheProxyForAnotherClient_IsRedirectedToHttps()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await site.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
    }

    /// <summary>The site in Production (where plain HTTP is redirected), on a real port.</summary>
    public sealed class Site() : RealSocketSite(new ProbeSiteFactory { Environment = "Production" });
}
