using System.Net;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Security;

/// <summary>
/// The appointment rate limit counts per client address. Over a real socket from 127.0.0.1: a client
/// cannot escape the limit by making up <c>X-Forwarded-For</c>, while a configured proxy's forwarded
/// addresses do count as separate clients.
/// </summary>
public sealed class RateLimitClientAddressTests
{
    [Fact]
    public async Task SpoofedForwardedFor_FromUnknownSender_StillHitsTheLimit()
    {
        using var site = Start("10.20.30.40");

        var statuses = await PostFromAsync(site, "198.51.100.1", "198.51.100.2", "198.51.100.3");

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ForwardedFor_FromConfiguredProxy_CountsEachClientSeparately()
    {
        using var site = Start("127.0.0.1", "::1");

        var statuses = await PostFromAsync(site, "198.51.100.1", "198.51.100.2", "198.51.100.3");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.SeeOther, status));
    }

    private static AppointmentSite Start(params string[] proxies)
    {
        var site = new AppointmentSite(null);
        site.WithSetting("Appointments:RateLimit:PermitLimit", "2");
        for (var i = 0; i < proxies.Length; i++)
        {
            site.WithSetting($"ForwardedHeaders:KnownProxies:{i}", proxies[i]);
        }

        site.StartOnRealSocket();
        return site;
    }

    /// <summary>One post per forwarded address, each from a fresh browser that opened the form.</summary>
    private static async Task<List<HttpStatusCode>> PostFromAsync(AppointmentSite site, params string[] forwardedFor)
    {
        using var factoryClient = site.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var client = RealSocket.Client(factoryClient.BaseAddress!);
            var page = await client.GetAsync("/appointments/request");
            var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var form = FilledForm.From(await Html.ParseAsync(page)).FillValid("phoenix");
            using var post = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(form.Fields) };
            post.Headers.Add("Cookie", cookie);
            post.Headers.Add("X-Forwarded-For", address);
            statuses.Add((await client.SendAsync(post)).StatusCode);
        }

        return statuses;
    }
}
