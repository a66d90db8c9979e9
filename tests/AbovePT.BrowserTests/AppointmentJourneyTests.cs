using System.Text.RegularExpressions;
using AbovePT.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AbovePT.BrowserTests;

/// <summary>
/// A patient asks for an appointment in a real browser, at a phone and a desktop size, with and without
/// JavaScript, and the chosen clinic's front desk receives it on a real SMTP server.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class AppointmentJourneyTests(BrowserFixture browser)
{
    private const string QueenCreekFrontDesk = "queencreek@abovept.example";
    private const string PhoenixFrontDesk = "phoenix@abovept.example";

    public static TheoryData<string, bool> ViewportsWithAndWithoutScript()
    {
        var data = new TheoryData<string, bool>();
        foreach (var viewport in Viewport.All)
        {
            data.Add(viewport.Name, true);
            data.Add(viewport.Name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ViewportsWithAndWithoutScript))]
    public async Task RequestFromArticle_KeyboardOnly_ConfirmsWithReferenceAndMailsChosenClinic(string viewport, bool javaScript)
    {
        await using var page = await browser.OpenAsync(Viewport.Named(viewport), javaScript);
        var lastName = TestPatients.UniqueLastName();
        await page.GotoAsync("/articles/knee-pain-after-running");

        await page.Page.Locator("main a[href^='/appointments/request?from=knee-pain-after-running']").ClickAsync();
        await page.AssertPathAsync("/appointments/request?from=knee-pain-after-running");
        await CheckAccessibleAsync(page, javaScript);

        // From here on only the keyboard, as for someone who cannot use a mouse or touch screen.
        var keyboard = page.Page.Keyboard;
        await page.Page.TabToAsync("input[name=Location]");
        await keyboard.PressAsync("ArrowDown"); // Queen Creek → Phoenix: arrows move and select in a radio group
        await page.Page.TabToAsync("#FirstName");
        await keyboard.TypeAsync("Ana");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(lastName);
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("(602) 555-0187");
        await page.Page.TabToAsync("input[name=ContactMethod]");
        await keyboard.PressAsync("ArrowDown"); // Phone call (preselected) → Text message
        await page.Page.TabToAsync("input[name=PatientType]");
        await keyboard.PressAsync("Space"); // New patient
        await page.Page.TabToAsync("input[name=Reason]");
        await keyboard.PressAsync("Space"); // Knee
        await page.Page.TabToAsync("#Message");
        await keyboard.TypeAsync("My knee hurts after long runs.");
        await page.Page.TabToAsync("#PreferredDays-tue");
        await keyboard.PressAsync("Space");
        await page.Page.TabToAsync("#PreferredTimes-morning");
        await keyboard.PressAsync("Space");
        await page.Page.TabToAsync("input[name=Referral]");
        await keyboard.PressAsync("ArrowDown"); // Yes → No referral
        await page.Page.TabToAsync("#Insurance");
        await keyboard.TypeAsync("self-pay");
        await page.Page.TabToAsync("#Consent");
        await keyboard.PressAsync("Space");
        await page.Page.TabToAsync("form.appt-form button[type=submit]");
        await keyboard.PressAsync("Enter");

        var reference = await ConfirmationReferenceAsync(page, "PX");
        await CheckAccessibleAsync(page, javaScript);
        Assert.Equal(1, await page.Page.Locator("main a[href='tel:+16028662231']").CountAsync());

        var mail = await browser.Smtp.WaitForMessageAsync(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Equal([PhoenixFrontDesk], mail.To.Mailboxes.Select(m => m.Address));
        var body = mail.TextBody;
        Assert.Contains(lastName, body, StringComparison.Ordinal);
        Assert.Contains("555-0187", body, StringComparison.Ordinal);
        Assert.Contains("Text message", body, StringComparison.Ordinal);
        Assert.Contains("My knee hurts after long runs.", body, StringComparison.Ordinal);
        Assert.Contains("knee-pain-after-running", body, StringComparison.Ordinal);
        page.AssertNoProblems();
    }

    [Theory]
    [MemberData(nameof(ViewportsWithAndWithoutScript))]
    public async Task SubmitEmptyForm_ThenFix_ErrorsFocusedLinkedDescribedAndRequestMailed(string viewport, bool javaScript)
    {
        await using var page = await browser.OpenAsync(Viewport.Named(viewport), javaScript);
        var lastName = TestPatients.UniqueLastName();
        await page.GotoAsync("/appointments/request");
        page.ExpectFailure("/appointments/request", 400);

        await page.Page.Locator("form.appt-form button[type=submit]").ClickAsync();
        await page.Page.Locator("#error-summary").WaitForAsync();

        // Autofocus happens at the browser's next rendering step, so wait for it rather than read it once.
        await Assertions.Expect(page.Page.Locator("#error-summary")).ToBeFocusedAsync();
        await CheckAccessibleAsync(page, javaScript);
        var links = page.Page.Locator("#error-summary a");
        var count = await links.CountAsync();
        Assert.True(count >= 5, $"Expected an error for each required field, found {count}.");
        for (var i = 0; i < count; i++)
        {
            var link = links.Nth(i);
            var message = (await link.InnerTextAsync()).Trim();
            var target = (await link.GetAttributeAsync("href"))![1..];

            var field = page.Page.Locator($"[id='{target}']");
            Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
            // Radio buttons and check boxes are described by their group, the way screen readers announce them.
            var description = await field.EvaluateAsync<string>(
                """
                element => (element.getAttribute('aria-describedby') ?? element.closest('fieldset')?.getAttribute('aria-describedby') ?? '')
                    .split(' ').filter(id => id).map(id => document.getElementById(id)?.textContent.trim() ?? '').join(' | ')
                """);
            Assert.Contains(message, description, StringComparison.Ordinal);

            await link.FocusAsync();
            await page.Page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(field).ToBeFocusedAsync();
        }

        await page.Page.Locator("#Location-queen-creek").CheckAsync();
        await page.Page.Locator("#FirstName").FillAsync("Sam");
        await page.Page.Locator("#LastName").FillAsync(lastName);
        await page.Page.Locator("#Phone").FillAsync("480 555 0123");
        await page.Page.Locator("#PatientType-returning").CheckAsync();
        await page.Page.Locator("#Reason-back").CheckAsync();
        await page.Page.Locator("#Referral-unsure").CheckAsync();
        await page.Page.Locator("#Consent").CheckAsync();
        await page.Page.Locator("form.appt-form button[type=submit]").ClickAsync();

        var reference = await ConfirmationReferenceAsync(page, "QC");
        var mail = await browser.Smtp.WaitForMessageAsync(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Equal([QueenCreekFrontDesk], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Contains(lastName, mail.TextBody, StringComparison.Ordinal);
        page.AssertNoProblems();
    }

    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task AccentedNameAndExtension_ReachTheFrontDeskWithALinkThatDialsTheExtension(string viewport)
    {
        await using var page = await browser.OpenAsync(Viewport.Named(viewport), true);
        var lastName = "Núñez" + TestPatients.UniqueLastName();
        await page.GotoAsync("/appointments/request?location=queen-creek");

        await page.Page.Locator("#FirstName").FillAsync("José");
        await page.Page.Locator("#LastName").FillAsync(lastName);
        await page.Page.Locator("#Phone").FillAsync("480-555-0142 ext 12");
        await page.Page.Locator("#PatientType-new").CheckAsync();
        await page.Page.Locator("#Reason-knee").CheckAsync();
        await page.Page.Locator("#Referral-no").CheckAsync();
        await page.Page.Locator("#Consent").CheckAsync();
        await page.Page.Locator("form.appt-form button[type=submit]").ClickAsync();

        var reference = await ConfirmationReferenceAsync(page, "QC");
        var mail = await browser.Smtp.WaitForMessageAsync(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Equal([QueenCreekFrontDesk], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("José N.", mail.Subject, StringComparison.Ordinal);

        // The front desk reads the e-mail in a browser-based mail client: the number is a link their phone dials.
        await page.Page.SetContentAsync(mail.HtmlBody!);
        var call = page.Page.Locator("a[href^='tel:']");
        Assert.Equal("(480) 555-0142 ext. 12", (await call.InnerTextAsync()).Trim());
        var dials = await call.EvaluateAsync<string>("a => { const url = new URL(a.href); return url.protocol + url.pathname; }");
        Assert.Equal("tel:+1-480-555-0142;ext=12", dials);
        Assert.Contains($"José {lastName}", await page.Page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> ConfirmationReferenceAsync(BrowserPage page, string locationCode)
    {
        await page.AssertPathAsync("/appointments/request/received?ticket=");
        var reference = (await page.Page.Locator(".appt-reference strong").InnerTextAsync()).Trim();
        Assert.Matches(ReferencePattern(), reference);
        Assert.StartsWith(locationCode + "-", reference, StringComparison.Ordinal);
        return reference;
    }

    private static async Task CheckAccessibleAsync(BrowserPage page, bool javaScript)
    {
        if (javaScript)
        {
            await page.AssertAccessibleAsync();
        }
    }

    [GeneratedRegex("^[A-Z]{2}-[0-9A-Z]{5}$")]
    private static partial Regex ReferencePattern();
}
