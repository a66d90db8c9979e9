using System.Net;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AbovePT.Web.Tests.Security;

public sealed class SecurityHeadersTests(ProbeSiteFactory factory) : IClassFixture<ProbeSiteFactory>
{
    public static TheoryData<string, HttpStatusCode> Responses => new()
    {
        { "/", HttpStatusCode.OK },
        { "/privacy", HttpStatusCode.OK },
        { "/css/site.css", HttpStatusCode.OK },
        { "/favicon.ico", HttpStatusCode.OK },
        { "/no-such-page", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task AnyResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self' 'nonce-", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("unsafe-", csp);
        Assert.DoesNotContain("*", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"));
    }

    [Fact]
    public async Task Csp_NonceIsNewForEveryResponse()
    {
        var client = factory.CreateClient();

        var first = Header(await client.GetAsync("/"), "Content-Security-Policy");
        var second = Header(await client.GetAsync("/"), "Content-Security-Policy");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ServerError_PageStillCarriesTheSecurityHeaders()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/test/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Something went wrong", document.QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain("test failure", document.DocumentElement.OuterHtml);
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task AntiforgeryCookieOverPlainHttp_IsStrictAndHttpOnly()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var response = await client.GetAsync(ProbeSiteFactory.FormPath);

        var parts = Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';', StringSplitOptions.TrimEntries);
        // Browsers reject a __Host- cookie that is not Secure, and local http cannot be Secure.
        Assert.StartsWith("abovept-antiforgery=", parts[0], StringComparison.Ordinal);
        Assert.Contains("samesite=strict", parts, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("httponly", parts, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PrivacyNotice_IsCacheableForFiveMinutes()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/privacy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Public, response.Headers.CacheControl?.ToString());
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task RealServer_SendsNoServerHeader()
    {
        using var kestrel = new SiteFactory();
        kestrel.UseKestrelOnFreePort();
        kestrel.StartServer();
        var client = kestrel.CreateClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(",", response.Headers.Server)}");
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} has no {name} header.");
}
