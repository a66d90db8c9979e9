using System.Net;
using AbovePT.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AbovePT.Web.Tests.Appointments;

public sealed class AppointmentFormTests(PickupSiteFixture fixture) : IClassFixture<PickupSiteFixture>
{
    private static readonly string[] FieldNames =
    [
        "Location", "FirstName", "LastName", "Phone", "Email", "ContactMethod", "PatientType", "Reason", "Message",
        "PreferredDays", "PreferredTimes", "EarliestDate", "Referral", "Insurance", "Consent",
    ];

    [Fact]
    public async Task Get_ShowsEveryFieldByItsPublicName()
    {
        var document = await Html.GetAsync(fixture.Site.CreateClient(), "/appointments/request");

        var names = document.QuerySelectorAll("form.appt-form [name]").Select(e => e.GetAttribute("name")).ToHashSet();
        Assert.All(FieldNames, name => Assert.Contains(name, names));
        Assert.Contains("__RequestVerificationToken", names);
        Assert.Equal("post", document.QuerySelector("form.appt-form")!.GetAttribute("method"));
    }

    [Theory]
    [InlineData("queen-creek")]
    [InlineData("phoenix")]
    public async Task Get_WithLocation_PreselectsThatClinic(string location)
    {
        var document = await Html.GetAsync(fixture.Site.CreateClient(), $"/appointments/request?location={location}");

        var selected = document.QuerySelectorAll<IHtmlInputElement>("input[name=Location]").Where(i => i.IsChecked).Select(i => i.Value);
        Assert.Equal([location], selected);
    }

    [Fact]
    public async Task Get_WithUnknownLocation_PreselectsNothing()
    {
        var document = await Html.GetAsync(fixture.Site.CreateClient(), "/appointments/request?location=mesa");

        Assert.DoesNotContain(document.QuerySelectorAll<IHtmlInputElement>("input[name=Location]"), i => i.IsChecked);
    }

    [Fact]
    public async Task Get_FromAnArticle_CarriesTheSlugInTheForm()
    {
        var document = await Html.GetAsync(fixture.Site.CreateClient(), "/appointments/request?from=knee-pain-after-running");

        Assert.Equal("knee-pain-after-running", document.QuerySelector<IHtmlInputElement>("input[name=SourceArticle]")?.Value);
    }

    [Theory]
    [InlineData("%3Cscript%3E")]
    [InlineData("Knee-Pain")]
    [InlineData("../../etc/passwd")]
    [InlineData("knee%0Apain")]
    public async Task Get_FromAnythingButASlug_IgnoresIt(string from)
    {
        var response = await fixture.Site.CreateClient().GetAsync($"/appointments/request?from={from}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Null(document.QuerySelector("input[name=SourceArticle]"));
    }

    [Fact]
    public async Task Get_EveryControlHasALabelAndEveryGroupALegend()
    {
        var document = await Html.GetAsync(fixture.Site.CreateClient(), "/appointments/request");
        var form = document.QuerySelector("form.appt-form")!;

        var controls = form.QuerySelectorAll("input:not([type=hidden]), textarea, select");
        Assert.All(controls, control =>
            Assert.NotNull(form.QuerySelector($"label[for='{control.Id}']")));
        foreach (var group in new[] { "Location", "ContactMethod", "PatientType", "Reason", "PreferredDays", "PreferredTimes", "Referral" })
        {
            var fieldset = form.QuerySelector($"[name={group}]")!.Closest("fieldset");
            Assert.False(string.IsNullOrWhiteSpace(fieldset?.QuerySelector("legend")?.TextContent), group);
        }
    }

    [Fact]
    public async Task Get_WarnsNotToIncludeSensitiveDetailsAndShowsTheConsentText()
    {
        var document = await Html.GetAsync(fixture.Site.CreateClient(), "/appointments/request");

        var message = document.QuerySelector("#Message")!;
        var hint = document.GetElementById("Message-hint")!;
        Assert.Contains("Message-hint", message.GetAttribute("aria-describedby"));
        Assert.Contains("sensitive medical details", hint.TextContent);
        Assert.Contains("not for emergencies", document.QuerySelector("label[for=Consent]")!.TextContent);
        Assert.Equal("500", message.GetAttribute("maxlength"));
    }

    [Fact]
    public async Task Get_HasNoInlineScriptOrStyle()
    {
        var document = await Html.GetAsync(fixture.Site.CreateClient(), "/appointments/request");

        Assert.Empty(document.QuerySelectorAll("main script, main [style]"));
        Assert.DoesNotContain(document.QuerySelectorAll("main *"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Get_IsNeverCached()
    {
        var response = await fixture.Site.CreateClient().GetAsync("/appointments/request");

        Assert.True(response.Headers.CacheControl?.NoStore);
    }
}
