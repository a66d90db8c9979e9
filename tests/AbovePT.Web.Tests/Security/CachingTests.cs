using System.Net;
using AbovePT.Web.Tests.Appointments;

namespace AbovePT.Web.Tests.Security;

/// <summary>
/// Reading pages may be kept by browsers and proxies for a few minutes; anything with a patient's details
/// or a one-time token never: not in a shared proxy, not in the back-button cache of a shared computer.
/// </summary>
public sealed class CachingTests(SmtpSiteFixture fixture) : IClassFixture<SmtpSiteFixture>
{
    [Theory]
    [InlineData("/articles")]
    [InlineData("/articles/knee-pain-after-running")]
    [InlineData("/privacy")]
    public async Task ReadingPage_IsPubliclyCacheableForFiveMinutes(string path)
    {
        var response = await fixture.Site.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Public, $"{path}: {response.Headers.CacheControl}");
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task FormPostAndConfirmation_AreNeverStored()
    {
        var browser = fixture.Site.Browser();

        var form = await browser.Client.GetAsync("/appointments/request");
        var post = await browser.RequestAsync("queen-creek");
        var confirmation = await browser.Client.GetAsync(post.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        foreach (var response in new[] { form, post, confirmation })
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage?.RequestUri}: {response.Headers.CacheControl}");
            Assert.False(response.Headers.CacheControl?.Public ?? false);
        }
    }
}
