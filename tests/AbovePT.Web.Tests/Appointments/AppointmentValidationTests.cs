using System.Globalization;
using System.Net;
using AbovePT.Web.Clinic;
using AbovePT.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>Every rule of the form, through HTTP: a 400, the form again with every value kept, and nothing stored.</summary>
public sealed class AppointmentValidationTests(PickupSiteFixture fixture) : IClassFixture<PickupSiteFixture>
{
    private static readonly string ArizonaToday = ArizonaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TheoryData<string, string?, string, string> Rules => new()
    {
        // field changed, value (null removes it), id the summary links to, message
        { "Location", null, "Location-queen-creek", "Choose the clinic you'd like to visit." },
        { "Location", "mesa", "Location-queen-creek", "Choose Queen Creek or Phoenix." },
        { "FirstName", "", "FirstName", "Enter your first name." },
        { "FirstName", new string('a', 51), "FirstName", "Your first name must be 50 characters or fewer." },
        { "FirstName", "Jane\r\nBcc: victim@example.com", "FirstName", "Your first name can't contain line breaks or special control characters." },
        { "LastName", "   ", "LastName", "Enter your last name." },
        { "LastName", "Doe\u0007", "LastName", "Your last name can't contain line breaks or special control characters." },
        { "LastName", "Doe\u2028Smith", "LastName", "Your last name can't contain line breaks or special control characters." },
        { "Phone", null, "Phone", "Enter your phone number." },
        { "Phone", "12345", "Phone", "Enter a US phone number with area code, like 480-555-0134." },
        { "Phone", "480-555-0134 ext. 9", "Phone", "Enter a US phone number with area code, like 480-555-0134." },
        { "Phone", "480 555 0134\n", "Phone", "Your phone number can't contain line breaks or special control characters." },
        { "Phone", new string('4', 26), "Phone", "Your phone number must be 25 characters or fewer." },
        { "Email", "not-an-address", "Email", "Enter an e-mail address like name@example.com." },
        { "Email", "Jane <jane@example.com>", "Email", "Enter an e-mail address like name@example.com." },
        { "Email", "jane@example.com\r\nBcc: victim@example.com", "Email", "Your e-mail address can't contain line breaks or special control characters." },
        { "Email", new string('a', 250) + "@example.com", "Email", "Your e-mail address must be 254 characters or fewer." },
        { "ContactMethod", null, "ContactMethod-phone", "Choose how the clinic should contact you." },
        { "ContactMethod", "fax", "ContactMethod-phone", "Choose phone call, text message or e-mail." },
        { "PatientType", null, "PatientType-new", "Tell us whether you are a new or a returning patient." },
        { "PatientType", "vip", "PatientType-new", "Choose new patient or returning patient." },
        { "Reason", null, "Reason-knee", "Choose the main reason for your visit." },
        { "Reason", "spine; DROP TABLE", "Reason-knee", "Choose one of the listed reasons." },
        { "Message", new string('m', 501), "Message", "Your message must be 500 characters or fewer; it has 501." },
        { "Message", "Pain\u0001here", "Message", "Your message contains special control characters; please type it again." },
        { "PreferredDays", "sat", "PreferredDays-mon", "Choose preferred days from Monday to Friday." },
        { "PreferredTimes", "midnight", "PreferredTimes-morning", "Choose morning, afternoon or evening." },
        { "EarliestDate", "12/01/2026", "EarliestDate", "Enter the earliest date as year-month-day" },
        { "EarliestDate", "2020-01-01", "EarliestDate", "The earliest date can't be in the past." },
        { "EarliestDate", "2999-01-01", "EarliestDate", "The earliest date must be within 90 days" },
        { "Referral", null, "Referral-yes", "Tell us whether you have a physician's referral" },
        { "Referral", "maybe", "Referral-yes", "Choose yes, no or not sure." },
        { "Insurance", "Aetna, member 123456789", "Insurance", "Enter only your insurance company's name (or \"self-pay\"), never your member ID." },
        { "Insurance", new string('i', 101), "Insurance", "Your insurance must be 100 characters or fewer." },
        { "Insurance", "Aetna\nX-Injected: yes", "Insurance", "Your insurance can't contain line breaks or special control characters." },
        { "Consent", null, "Consent", "Tick the box to confirm you have read and agree to this." },
        { "Consent", "false", "Consent", "Tick the box to confirm you have read and agree to this." },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Post_BreakingARule_RedisplaysTheFormWithALinkedSpecificErrorAndStoresNothing(string field, string? value, string targetId, string message)
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync()).FillValid("phoenix").Set("Message", "Keep me <b>please</b>");
        if (value is null)
        {
            form.Remove(field);
        }
        else
        {
            form.Set(field, value);
        }

        var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await Html.ParseAsync(response);
        var summary = document.QuerySelector("#error-summary")!;
        Assert.Equal("alert", summary.GetAttribute("role"));
        var link = Assert.Single(summary.QuerySelectorAll("a"));
        Assert.Equal("#" + targetId, link.GetAttribute("href"));
        Assert.StartsWith(message, link.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.GetElementById(targetId));
        Assert.StartsWith("Error: ", document.Title, StringComparison.Ordinal);

        var error = document.GetElementById(field + "-error")!;
        Assert.StartsWith(message, error.TextContent, StringComparison.Ordinal);
        var described = document.QuerySelectorAll($"[aria-describedby~='{field}-error']");
        Assert.NotEmpty(described);
        Assert.NotEmpty(document.QuerySelectorAll($"[name={field}][aria-invalid=true]"));

        if (field != "Message")
        {
            Assert.Equal("Keep me <b>please</b>", document.QuerySelector("#Message")!.TextContent);
        }

        Assert.Equal("phoenix", document.QuerySelectorAll<IHtmlInputElement>("input[name=Location]").SingleOrDefault(i => i.IsChecked)?.Value ?? "phoenix");
        Assert.Empty(await fixture.Site.RequestsAsync());
    }

    [Fact]
    public async Task Post_ContactByEmailWithoutAnAddress_AsksForTheAddress()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync()).FillValid("queen-creek").Set("ContactMethod", "email");

        var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Enter your e-mail address, or choose to be contacted by phone or text.", document.GetElementById("Email-error")?.TextContent);
    }

    [Fact]
    public async Task Post_SeveralMistakes_ListsThemAllInFormOrderAndKeepsEveryValue()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync()).FillValid("queen-creek")
            .Remove("Consent").Set("Phone", "call me").Set("FirstName", "<script>alert(1)</script>")
            .Set("Email", "jane@example.com").Set("Insurance", "Self-pay").Set("EarliestDate", ArizonaToday)
            .Add("PreferredDays", "tue").Add("PreferredDays", "thu").Add("PreferredTimes", "evening");

        var response = await browser.PostAsync(form);

        var document = await Html.ParseAsync(response);
        var links = document.QuerySelectorAll("#error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Phone", "#Consent"], links);
        Assert.Equal("<script>alert(1)</script>", document.QuerySelector<IHtmlInputElement>("#FirstName")!.Value);
        Assert.Empty(document.QuerySelectorAll("main script"));
        Assert.Equal("call me", document.QuerySelector<IHtmlInputElement>("#Phone")!.Value);
        Assert.Equal("jane@example.com", document.QuerySelector<IHtmlInputElement>("#Email")!.Value);
        Assert.Equal("Self-pay", document.QuerySelector<IHtmlInputElement>("#Insurance")!.Value);
        Assert.Equal(ArizonaToday, document.QuerySelector<IHtmlInputElement>("#EarliestDate")!.Value);
        Assert.True(document.QuerySelector<IHtmlInputElement>("#Location-queen-creek")!.IsChecked);
        Assert.True(document.QuerySelector<IHtmlInputElement>("#Reason-knee")!.IsChecked);
        Assert.Equal(["tue", "thu"], document.QuerySelectorAll<IHtmlInputElement>("input[name=PreferredDays]").Where(i => i.IsChecked).Select(i => i.Value));
        Assert.True(document.QuerySelector<IHtmlInputElement>("#PreferredTimes-evening")!.IsChecked);
        Assert.Empty(await fixture.Site.RequestsAsync());
    }
}
