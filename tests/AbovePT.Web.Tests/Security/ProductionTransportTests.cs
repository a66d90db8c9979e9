using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AbovePT.Web.Tests.Security;

/// <summary>What a visitor's browser gets from the site in Production: HTTPS only, remembered for a year.</summary>
public sealed class ProductionTransportTests : IDisposable
{
    private readonly ProbeSiteFactory _factory = new() { Environment = "Production" };

    [Fact]
    public async Task PlainHttp_IsPermanentlyRedirectedToHttps()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("http://localhost/privacy?x=1");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://localhost/privacy?x=1"), response.Headers.Location);
    }

    [Fact]
    public async Task Https_SendsHstsForAtLeastOneYear()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = string.Join(", ", response.Headers.GetValues("Strict-Transport-Security"));
        var maxAge = int.Parse(hsts.Split(';')[0].Replace("max-age=", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(maxAge >= 365 * 24 * 60 * 60, hsts);
        Assert.Contains("includeSubDomains", hsts);
    }

    [Fact]
    public async Task ServerError_OverHttps_StillSendsHsts()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var response = await client.GetAsync("/test/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("max-age=31536000", string.Join(", ", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AntiforgeryCookie_IsHostPrefixedSecureStrictAndHttpOnly()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });

        var response = await client.GetAsync(ProbeSiteFactory.FormPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var parts = cookie.Split(';', StringSplitOptions.TrimEntries);
        Assert.StartsWith("__Host-", parts[0], StringComparison.Ordinal);
        Assert.Contains("secure", parts, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", parts, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("httponly", parts, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/", parts, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(parts, part => part.StartsWith("domain=", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => _factory.Dispose();
}
