using System.Net;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Site;

/// <summary>Pages travel compressed: patients on a weak phone signal wait for every byte.</summary>
public sealed class CompressionTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Get_PageWithAcceptEncoding_IsCompressed(string encoding)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.ParseAdd(encoding);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task Get_PageWithoutAcceptEncoding_IsSentUncompressed()
    {
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("h1"));
    }
}
