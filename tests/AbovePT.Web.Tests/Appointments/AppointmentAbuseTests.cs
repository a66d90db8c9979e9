using System.Net;
using AbovePT.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Time.Testing;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>Forged, automated, repeated and oversized posts: a clear answer, and nothing stored twice or at all.</summary>
public sealed class AppointmentAbuseTests(PickupSiteFixture fixture) : IClassFixture<PickupSiteFixture>
{
    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Returns400FriendlyPageAndStoresNothing()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync()).FillValid("phoenix").Remove("__RequestVerificationToken");

        var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Please send the form again", document.QuerySelector("h1")?.TextContent);
        Assert.NotNull(document.QuerySelector("main a[href='/appointments/request']"));
        Assert.DoesNotContain(await fixture.Site.RequestsAsync(), r => r.LastName == "Doe" && r.LocationId == "phoenix");
    }

    [Fact]
    public async Task Post_WithAWrongAntiforgeryToken_Returns400AndStoresNothing()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync()).FillValid("phoenix").Set("LastName", "Forged").Set("__RequestVerificationToken", "CfDJ8forgedtoken");

        var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await fixture.Site.RequestsAsync(), r => r.LastName == "Forged");
    }

    [Fact]
    public async Task Post_FromAnotherSiteWithoutTheCookie_Returns400AndStoresNothing()
    {
        var form = (await fixture.Site.Browser().OpenAsync()).FillValid("phoenix").Set("LastName", "CrossSite");
        var stranger = fixture.Site.Browser();

        var response = await stranger.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await fixture.Site.RequestsAsync(), r => r.LastName == "CrossSite");
    }

    [Fact]
    public async Task Post_WithTheHoneypotFilled_GetsTheFormBackWithItsValuesAndStoresNothing()
    {
        var browser = fixture.Site.Browser();

        var response = await browser.RequestAsync("queen-creek", form => form.Set("LastName", "Honeypot").Set("Homepage", "https://spam.example"));

        var page = await AssertFormBackAsync(response, lastName: "Honeypot");
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#Homepage")!.Value);
        Assert.DoesNotContain(await fixture.Site.RequestsAsync(), r => r.LastName == "Honeypot");
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("missing")]
    public async Task Post_WithoutAValidFormToken_GetsTheFormBackAndStoresNothing(string token)
    {
        var browser = fixture.Site.Browser();
        var lastName = "Token" + token;

        var response = await browser.RequestAsync("queen-creek", form =>
        {
            form.Set("LastName", lastName);
            _ = token == "missing" ? form.Remove("FormToken") : form.Set("FormToken", form.Value("FormToken")![..^4] + "AAAA");
        });

        await AssertFormBackAsync(response, lastName);
        Assert.DoesNotContain(await fixture.Site.RequestsAsync(), r => r.LastName == lastName);
    }

    [Fact]
    public async Task Post_SoonerThanTheMinimumFillTime_GetsTheFormBack_AndTheSecondSendIsStored()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var site = new AppointmentSite(smtp: null);
        site.WithClock(clock).WithSetting("Appointments:MinimumFillSeconds", "10");
        var browser = site.Browser();
        var form = (await browser.OpenAsync()).FillValid("queen-creek").Set("LastName", "Quick");
        clock.Advance(TimeSpan.FromSeconds(2));

        var first = await AssertFormBackAsync(await browser.PostAsync(form), "Quick");
        Assert.Empty(await site.RequestsAsync());
        var again = FilledForm.From(first).FillValid("queen-creek").Set("LastName", "Quick");
        Assert.NotEqual(form.Value("FormToken"), again.Value("FormToken"));
        clock.Advance(TimeSpan.FromSeconds(15));
        var second = await browser.PostAsync(again);

        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal("Quick", Assert.Single(await site.RequestsAsync()).LastName);
        Assert.Contains("fill time", string.Join("\n", site.Logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
    }

    /// <summary>
    /// A post that looked automated: the form again with a 400, what was typed kept, a short message, a fresh
    /// ticket, and never a reference or the word "received".
    /// </summary>
    private static async Task<IDocument> AssertFormBackAsync(HttpResponseMessage response, string lastName)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Request an appointment", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("Please check your details and press Send request again", page.QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(lastName, page.QuerySelector<IHtmlInputElement>("#LastName")?.Value);
        Assert.NotNull(page.QuerySelector<IHtmlInputElement>("#Location-queen-creek[checked]"));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector<IHtmlInputElement>("input[name=FormToken]")?.Value));
        Assert.Null(page.QuerySelector(".appt-reference"));
        Assert.DoesNotContain("received", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        return page;
    }

    [Fact]
    public async Task Post_AfterTheMinimumFillTime_IsStored()
    {
        using var site = new AppointmentSite(smtp: null);
        site.WithSetting("Appointments:MinimumFillSeconds", "1");
        var browser = site.Browser();
        var form = (await browser.OpenAsync()).FillValid("queen-creek");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Single(await site.RequestsAsync());
    }

    [Fact]
    public async Task Post_LargerThanTheBodyLimit_Returns413FriendlyPageAndStoresNothing()
    {
        var browser = fixture.Site.Browser();

        var response = await browser.RequestAsync("phoenix", form => form.Set("LastName", "Huge").Set("Message", new string('x', 40_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Your request was too long", document.QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain(await fixture.Site.RequestsAsync(), r => r.LastName == "Huge");
    }

    [Fact]
    public async Task Post_WithANulCharacter_Returns400FriendlyPageAndStoresNothing()
    {
        var browser = fixture.Site.Browser();

        var response = await browser.RequestAsync("phoenix", form => form.Set("LastName", "Nul").Set("Message", "a\0b"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("We couldn't read your form", (await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain(await fixture.Site.RequestsAsync(), r => r.LastName == "Nul");
    }

    [Fact]
    public async Task Post_OverTheRateLimit_Returns429FriendlyPageAndStoresNothingMore()
    {
        using var site = new AppointmentSite(smtp: null);
        site.WithSetting("Appointments:RateLimit:PermitLimit", "2").WithSetting("Appointments:RateLimit:WindowSeconds", "3600");
        var browser = site.Browser();

        Assert.Equal(HttpStatusCode.SeeOther, (await browser.RequestAsync("phoenix")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.RequestAsync("phoenix")).StatusCode);
        var response = await browser.RequestAsync("phoenix");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Please wait a little before sending again", document.QuerySelector("h1")?.TextContent);
        Assert.NotNull(document.QuerySelector("main a[href='tel:+16028662231']"));
        Assert.Equal(2, (await site.RequestsAsync()).Count);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/appointments/request")).StatusCode);
    }

    [Fact]
    public async Task Post_SameFormTwice_StoresOneRequestAndShowsTheSameReference()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync()).FillValid("queen-creek").Set("LastName", "Twice");

        var first = await browser.FollowAsync(await browser.PostAsync(form));
        var second = await browser.FollowAsync(await browser.PostAsync(form));

        Assert.Equal(first.QuerySelector(".appt-reference strong")!.TextContent, second.QuerySelector(".appt-reference strong")!.TextContent);
        Assert.Single(await fixture.Site.RequestsAsync(), r => r.LastName == "Twice");
    }

    [Fact]
    public async Task Post_SameFormTwiceAtOnce_StoresOneRequest()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync()).FillValid("queen-creek").Set("LastName", "AtOnce");

        var responses = await Task.WhenAll(browser.PostAsync(form), browser.PostAsync(form));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        Assert.Single(await fixture.Site.RequestsAsync(), r => r.LastName == "AtOnce");
    }

    [Fact]
    public async Task Confirmation_Refreshed_ShowsTheSameRequestAndStoresNothingMore()
    {
        var browser = fixture.Site.Browser();
        var redirect = await browser.RequestAsync("phoenix", form => form.Set("LastName", "Refresh"));

        var first = await browser.FollowAsync(redirect);
        var again = await browser.FollowAsync(redirect);

        Assert.Equal(first.QuerySelector(".appt-reference")!.TextContent, again.QuerySelector(".appt-reference")!.TextContent);
        Assert.Single(await fixture.Site.RequestsAsync(), r => r.LastName == "Refresh");
    }

    [Theory]
    [InlineData("/appointments/request/received")]
    [InlineData("/appointments/request/received?ticket=1")]
    [InlineData("/appointments/request/received?ticket=CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Confirmation_WithoutAValidTicket_IsNotFound(string path)
    {
        var response = await fixture.Site.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Confirmation_ShowsReferencePhoneAndNextStepsButNoHealthDetails()
    {
        var browser = fixture.Site.Browser();
        var redirect = await browser.RequestAsync("phoenix", form => form
            .Set("LastName", "Private").Set("Reason", "post-surgery").Set("Message", "Torn ACL last spring").Set("Insurance", "Aetna"));

        Assert.DoesNotContain("Private", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
        var document = await browser.FollowAsync(redirect);

        var main = document.QuerySelector("main")!.TextContent;
        Assert.Matches("^PX-[34679ACDEFGHJKMNPQRTUVWXY]{5}$", document.QuerySelector(".appt-reference strong")!.TextContent);
        Assert.NotNull(document.QuerySelector("main a[href='tel:+16028662231']"));
        Assert.Contains("What happens next", main, StringComparison.Ordinal);
        Assert.Contains("911", main, StringComparison.Ordinal);
        Assert.DoesNotContain("surgery", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ACL", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Aetna", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Private", main, StringComparison.Ordinal);
    }
}
