using System.Net;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Site;

public sealed class LayoutTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    public async Task EveryPage_FooterShowsBothLocationsWithPhoneLinks(string path)
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, path);

        var phoneLinks = document.QuerySelectorAll("footer a[href^='tel:']").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Contains(("tel:+14809871870", "480.987.1870"), phoneLinks);
        Assert.Contains(("tel:+16028662231", "602.866.2231"), phoneLinks);
        var footer = document.QuerySelector("footer")!.TextContent;
        Assert.Contains("21321 E. Ocotillo Rd., Suite 122", footer);
        Assert.Contains("Queen Creek, AZ 85142", footer);
        Assert.Contains("3201 W. Peoria Ave., Suite D800", footer);
        Assert.Contains("Phoenix, AZ 85029", footer);
        Assert.Contains("480.987.9289", footer);
        Assert.Contains("602.866.2261", footer);
    }

    [Fact]
    public async Task Home_HasTitleDescriptionCanonicalAndOpenGraph()
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, "/");

        Assert.Contains("Above & Beyond Physical Therapy", document.Title);
        Assert.False(string.IsNullOrWhiteSpace(document.QuerySelector("meta[name=description]")?.GetAttribute("content")));
        Assert.Equal("https://www.abovept.example/", document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal("https://www.abovept.example/", document.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
        Assert.NotNull(document.QuerySelector("meta[property='og:title']"));
    }

    [Fact]
    public async Task Home_OffersARequestButtonPerLocation()
    {
        var client = factory.CreateClient();

        var document = await Html.GetAsync(client, "/");

        var requestLinks = document.QuerySelectorAll("main a[href^='/appointments/request?location=']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/appointments/request?location=queen-creek", requestLinks);
        Assert.Contains("/appointments/request?location=phoenix", requestLinks);
    }

    [Fact]
    public async Task UnknownPath_IsAFriendly404()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/this/does/not/exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("We couldn't find that page", document.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Stylesheet_IsServed()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }
}
