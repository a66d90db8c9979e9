using System.Net;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AbovePT.Web.Tests.Site;

/// <summary>
/// Each page has one address, the site's own lowercase route: other spellings are sent there for good, and
/// no spelling a visitor types can end up in a canonical link, og:url or the page cache.
/// </summary>
public sealed class CanonicalUrlTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private const string Base = "https://www.abovept.example";

    [Theory]
    [InlineData("/ARTICLES", "/articles")]
    [InlineData("/Articles/Knee-Pain-After-Running", "/articles/knee-pain-after-running")]
    [InlineData("/articles/", "/articles")]
    [InlineData("/PRIVACY", "/privacy")]
    [InlineData("/Appointments/Request?location=phoenix", "/appointments/request?location=phoenix")]
    public async Task Get_NonCanonicalSpelling_Returns301ToTheCanonicalUrl(string path, string location)
    {
        var response = await Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Head_NonCanonicalSpelling_Returns301()
    {
        var response = await Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/ARTICLES"));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/articles", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/CSS/site.css")]
    [InlineData("/HEALTHZ")]
    public async Task Get_NonPageInOtherCase_IsNotRedirected(string path)
    {
        var response = await Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_NonCanonicalSpelling_IsNotRedirected()
    {
        var response = await Client().PostAsync("/Appointments/Request", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_ArticlesAfterAVisitToUpperCase_KeepsItsOwnCanonicalUrl()
    {
        var client = Client();
        await client.GetAsync("/ARTICLES");

        var document = await Html.GetAsync(client, "/articles");

        Assert.Equal(Base + "/articles", document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(Base + "/articles", document.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/articles", "/articles")]
    [InlineData("/articles/knee-pain-after-running", "/articles/knee-pain-after-running")]
    [InlineData("/privacy", "/privacy")]
    [InlineData("/appointments/request?location=phoenix", "/appointments/request")]
    public async Task Get_Page_CanonicalUrlIsItsOwnRoute(string path, string route)
    {
        var document = await Html.GetAsync(Client(), path);

        Assert.Equal(Base + route, document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(Base + route, document.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
    }

    [Fact]
    public async Task Get_UnknownPath_HasNoCanonicalUrl()
    {
        var document = await Html.GetAsync(Client(), "/no-such-page");

        Assert.Null(document.QuerySelector("link[rel=canonical]"));
        Assert.Null(document.QuerySelector("meta[property='og:url']"));
    }

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
