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

    private const string PhoneMessage = "Enter a phone number with area code, like 480-555-0134 (or 480-555-0134 ext. 12); for a number outside the US, start with + and the country code, like +52 55 1234 5678.";

    private const string MessageCharacters = "Your message contains invisible, text-direction or control characters (often pasted from another app); please type it again.";

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
        { "FirstName", "Jane\u202Egnp.exe", "FirstName", "Your first name contains an invisible or text-direction character (often pasted from another app); please type it again." },
        { "FirstName", "\u200B\u200B\u200B", "FirstName", "Your first name contains an invisible or text-direction character" },
        { "LastName", "\u2067Doe\u2069", "LastName", "Your last name contains an invisible or text-direction character" },
        { "LastName", "Doe\uFEFF", "LastName", "Your last name contains an invisible or text-direction character" },
        { "FirstName", "\u0301\u0308\u0301", "FirstName", "Your first name must contain at least one letter." },
        { "LastName", "-- . --", "LastName", "Your last name must contain at least one letter." },
        { "Phone", null, "Phone", "Enter your phone number." },
        { "Phone", "12345", "Phone", PhoneMessage },
        { "Phone", "123-456-7890", "Phone", PhoneMessage },
        { "Phone", "+52 1 55 1234 5678", "Phone", PhoneMessage },
        { "Phone", "480-555-0134 ext. 123456789", "Phone", "The extension can have at most 8 digits." },
        { "Phone", "480 555 0134\n", "Phone", "Your phone number can't contain line breaks or special control characters." },
        { "Phone", "480\u200B555\u200B0134", "Phone", "Your phone number contains an invisible or text-direction character" },
        { "Phone", new string('4', 41), "Phone", "Your phone number must be 40 characters or fewer." },
        { "Email", "not-an-address", "Email", "Enter an e-mail address like name@example.com." },
        { "Email", "Jane <jane@example.com>", "Email", "Enter an e-mail address like name@example.com." },
        { "Email", "jane@example.com\r\nBcc: victim@example.com", "Email", "Your e-mail address can't contain line breaks or special control characters." },
        { "Email", new string('a', 250) + "@example.com", "Email", "Your e-mail address must be 254 characters or fewer." },
        { "Email", "josé@example.com", "Email", "Use only unaccented letters, digits and . _ - + before the @" },
        { "Email", "jane@exa\u202Emple.com", "Email", "Your e-mail address contains an invisible or text-direction character" },
        { "ContactMethod", null, "ContactMethod-phone", "Choose how the clinic should contact you." },
        { "ContactMethod", "fax", "ContactMethod-phone", "Choose phone call, text message or e-mail." },
        { "PatientType", null, "PatientType-new", "Tell us whether you are a new or a returning patient." },
        { "PatientType", "vip", "PatientType-new", "Choose new patient or returning patient." },
        { "Reason", null, "Reason-knee", "Choose the main reason for your visit." },
        { "Reason", "spine; DROP TABLE", "Reason-knee", "Choose one of the listed reasons." },
        { "Message", new string('m', 501), "Message", "Your message must be 500 characters or fewer; it has 501." },
        { "Message", "Pain\u0001here", "Message", MessageCharacters },
        { "Message", "My knee \u202Eniap\u202C hurts", "Message", MessageCharacters },
        { "Message", "Left knee\u2066 right\u2069", "Message", MessageCharacters },
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
        { "Insurance", "Aet\u200Dna", "Insurance", "Your insurance contains an invisible or text-direction character" },
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
