using System.Net;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Site;

/// <summary>An error page's status is the one the site chose, never a number the visitor sent.</summary>
public sealed class ErrorPageTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Post_UnknownPathWithStatusField_Returns404WithTheFriendlyPage()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsync("/no-such-page", new FormUrlEncodedContent([new("status", "777")]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("We couldn't find that page", (await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Get_UnknownPathWithStatusQuery_Returns404()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/no-such-page?status=777");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("We couldn't find that page", (await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }
}
