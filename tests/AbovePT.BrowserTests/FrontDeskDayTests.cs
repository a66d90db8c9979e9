using System.Globalization;
using System.Text.RegularExpressions;
using AbovePT.BrowserTests.Infrastructure;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AbovePT.BrowserTests;

/// <summary>
/// A front desk's day in real Chromium, at a phone's and a desktop's size: a patient's request arrives as an
/// e-mail on the real SMTP server; its link opens the request once signed in; the desk claims it, logs a call
/// nobody answered, then one that reached the patient, schedules the visit, and finds the request again by its
/// phone number typed another way. The steps are taken with the keyboard; every page passes axe.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class FrontDeskDayTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task FromTheEmailToScheduled_ThenFoundAgainByPhone(string viewport)
    {
        var email = $"desk-{viewport}-{Guid.NewGuid():N}@abovept.example";
        string key;
        await using (var setup = await browser.OpenAsync(Viewport.Desktop))
        {
            key = await StaffSteps.SignUpAsync(browser, setup, email, "front-desk", "phoenix", "Lupe Garcia");
        }

        var phone = $"(602) 555-01{Random.Shared.Next(100):00}";
        var reference = await PatientRequestsAsync(phone);
        var mail = await browser.Smtp.WaitForMessageAsync(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true
            && m.To.Mailboxes.Any(to => to.Address == "phoenix@abovept.example"));
        var link = new Uri(OpenThisRequest().Match(mail.TextBody ?? "").Groups[1].Value);
        Assert.Equal($"http://localhost/staff/requests/{reference.ToLowerInvariant()}", link.AbsoluteUri);

        await using var page = await browser.OpenAsync(Viewport.Named(viewport));
        var keyboard = page.Page.Keyboard;
        await page.GotoAsync(link.PathAndQuery);
        await page.AssertPathAsync("/staff/sign-in?returnUrl=");
        await page.Page.TabToAsync("#Email");
        await keyboard.TypeAsync(email);
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(StaffSteps.Password);
        await keyboard.PressAsync("Enter");
        await page.AssertPathAsync("/staff/sign-in/code");
        await page.Page.TabToAsync("#Code");
        await keyboard.TypeAsync(Totp.Now(key));
        await keyboard.PressAsync("Enter");

        await page.AssertPathAsync(link.AbsolutePath);
        await Assertions.Expect(page.Page.Locator("h1")).ToContainTextAsync($"Request {reference}");
        await page.AssertAccessibleAsync();
        await PressAsync(page, "form[action$='/claim'] button");
        await Assertions.Expect(Notice(page)).ToContainTextAsync("You have claimed this request");
        await page.AssertAccessibleAsync();

        await page.Page.TabToAsync("input[name=outcome][value=NoAnswer]");
        await keyboard.PressAsync("Space");
        await PressAsync(page, "form[action$='/call'] button");
        await Assertions.Expect(Notice(page)).ToContainTextAsync("Call logged (1 so far)");
        // Tab enters a radio group once; the arrows move within it and select.
        await page.Page.TabToAsync("input[name=outcome]");
        await keyboard.PressAsync("ArrowDown");
        await keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Page.Locator("input[name=outcome][value=Spoke]").IsCheckedAsync());
        await PressAsync(page, "form[action$='/call'] button");
        await Assertions.Expect(Notice(page)).ToContainTextAsync("Call logged (2 so far)");
        await Assertions.Expect(page.Page.Locator("#calls li")).ToHaveCountAsync(2);

        var visit = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-7)).AddDays(2);
        await page.Page.FillAsync("#date", visit.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Page.FillAsync("#time", "10:30");
        await PressAsync(page, "form[action$='/schedule'] button");
        await Assertions.Expect(Notice(page)).ToContainTextAsync($"Scheduled for {visit.ToString("ddd, MMM d", CultureInfo.InvariantCulture)}, 10:30 AM");
        await Assertions.Expect(page.Page.Locator(".inbox-status")).ToHaveTextAsync("Scheduled");
        await page.AssertAccessibleAsync();
        Assert.False(await page.Page.ScrollsHorizontallyAsync(), "the request's page scrolls sideways");
        await ScreenshotAsync(page, $"request-page-{viewport}");

        await page.GotoAsync("/staff/requests?status=all");
        await page.AssertAccessibleAsync();
        await ScreenshotAsync(page, $"inbox-{viewport}");
        await page.GotoAsync("/staff/requests");
        await page.AssertAccessibleAsync();
        await page.Page.TabToAsync("#term");
        await keyboard.TypeAsync(phone.Replace("(", "", StringComparison.Ordinal).Replace(") ", ".", StringComparison.Ordinal).Replace("-", ".", StringComparison.Ordinal));
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Page.Locator($"#inbox a:text-is('{reference}')")).ToBeVisibleAsync();
        Assert.DoesNotContain("555", page.Page.Url, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        Assert.False(await page.Page.ScrollsHorizontallyAsync(), "the inbox scrolls sideways");

        page.AssertNoProblems();
    }

    /// <summary>A patient's request for Phoenix, posted through the form as a browser would; its reference.</summary>
    private async Task<string> PatientRequestsAsync(string phone)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = browser.BaseAddress };
        var patient = new AppointmentBrowser(client);
        var posted = await patient.RequestAsync("phoenix", form => form.Set("LastName", "Desk" + Guid.NewGuid().ToString("N")[..6]).Set("Phone", phone));
        var received = await patient.FollowAsync(posted);
        return received.QuerySelector(".appt-reference strong")!.TextContent;
    }

    /// <summary>For <c>scripts/screenshots.sh</c>, which runs this journey with <c>ABOVEPT_SCREENSHOTS</c> set to a folder.</summary>
    private static async Task ScreenshotAsync(BrowserPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ABOVEPT_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    private static async Task PressAsync(BrowserPage page, string selector)
    {
        await page.Page.TabToAsync(selector);
        await page.Page.Keyboard.PressAsync("Enter");
    }

    private static ILocator Notice(BrowserPage page) => page.Page.Locator(".staff-notice");

    [GeneratedRegex(@"Open this request: (\S+)")]
    private static partial Regex OpenThisRequest();
}
