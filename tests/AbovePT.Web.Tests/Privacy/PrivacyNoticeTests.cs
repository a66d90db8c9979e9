using System.Net;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Privacy;

public sealed class PrivacyNoticeTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/privacy")]
    [InlineData("/no-such-page")]
    public async Task EveryPage_FooterLinksToThePrivacyNotice(string path)
    {
        using var site = new SiteFactory();

        var document = await Html.GetAsync(site.CreateClient(), path);

        Assert.NotNull(document.QuerySelector("footer a[href='/privacy']"));
    }

    [Fact]
    public async Task AppointmentForm_LinksToThePrivacyNoticeBesideTheConsent()
    {
        using var site = new SiteFactory();

        var document = await Html.GetAsync(site.CreateClient(), "/appointments/request");

        Assert.NotNull(document.QuerySelector("form .appt-consent a[href='/privacy']"));
    }

    [Fact]
    public async Task Privacy_ExplainsWhatWhyWhoHowLongAndNotForEmergencies()
    {
        using var site = new SiteFactory();

        var response = await site.CreateClient().GetAsync("/privacy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Privacy notice", document.QuerySelector("h1")?.TextContent);
        var headings = document.QuerySelectorAll("main h2").Select(h => h.TextContent).ToList();
        Assert.Contains("What we collect", headings);
        Assert.Contains("Why we collect it", headings);
        Assert.Contains("Who sees it", headings);
        Assert.Contains("How long we keep it", headings);
        var text = document.QuerySelector("main")!.TextContent;
        Assert.Contains("until the clinic's front desk has finished with it", text);
        Assert.Contains("180 days later", text);
        Assert.Contains("call 911", text);
        Assert.Contains("E-mail is not a secure channel", text);
        Assert.Contains("480.987.1870", text);
    }

    [Fact]
    public async Task Privacy_ShowsTheConfiguredRetention()
    {
        using var site = new SiteFactory().WithSetting("Appointments:RetentionDays", "90");

        var document = await Html.GetAsync(site.CreateClient(), "/privacy");

        Assert.Contains("90 days later", document.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public void RetentionDays_Zero_StopsStartupNamingTheKey()
    {
        using var site = new SiteFactory().WithSetting("Appointments:RetentionDays", "0");

        var error = site.StartupError();

        Assert.Contains("Appointments:RetentionDays", error.ToString());
    }
}
