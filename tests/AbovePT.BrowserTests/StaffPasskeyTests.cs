using AbovePT.BrowserTests.Infrastructure;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AbovePT.BrowserTests;

/// <summary>
/// Passkeys in real Chromium, through its virtual authenticator (DevTools' WebAuthn domain, as a phone's
/// fingerprint reader would answer): a signed-in person adds one and names it, renames it, signs out, and signs
/// in with the passkey alone; once removed, the same passkey opens nothing. Without script, the page says what
/// a passkey needs instead of showing a button that cannot work.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StaffPasskeyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Passkey_AddedRenamedThenSignsInAlone_AndOnceRemovedOpensNothing()
    {
        var email = $"passkey-{Guid.NewGuid():N}@abovept.example";
        await using var page = await browser.OpenAsync(Viewport.Desktop);
        await StaffSteps.SignUpAsync(browser, page, email, "front-desk", "phoenix");
        var cdp = await page.Page.Context.NewCDPSessionAsync(page.Page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/staff/passkeys");
        await page.AssertAccessibleAsync();
        await page.Page.FillAsync("#Name", "Ana's laptop");
        await page.Page.ClickAsync("button:text('Add a passkey')");
        await Assertions.Expect(page.Page.Locator("[role=status]").First).ToContainTextAsync("Added the passkey “Ana's laptop”");
        await Assertions.Expect(page.Page.Locator("#passkey-list li")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();

        await page.Page.Locator("#passkey-list input[name=name]").FillAsync("Front desk PC");
        await page.Page.Locator("#passkey-list button:text('Rename')").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#passkey-list strong")).ToHaveTextAsync("Front desk PC");

        await StaffSteps.SignOutAsync(page);
        await page.Page.ClickAsync("button:text('Sign in with a passkey')");
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex("/staff$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Hello, Ana Ruiz");

        // A front-desk account on an admin's page: the 403 page, as accessible as the rest.
        page.ExpectFailure("/staff/denied?returnUrl=%2Fstaff%2Fteam", 403);
        await page.Page.GotoAsync("/staff/team");
        await page.AssertPathAsync("/staff/denied");
        await Assertions.Expect(page.Page.Locator("h1")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var events = await AuditAsync(email);
        Assert.Contains((StaffEvent.PasskeyAdded, "Ana's laptop"), events);
        Assert.Contains((StaffEvent.SignInSucceeded, "passkey"), events);

        await page.GotoAsync("/staff/passkeys");
        await page.Page.Locator("#passkey-list button:text('Remove')").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#passkey-list")).ToHaveCountAsync(0);
        Assert.Contains((StaffEvent.PasskeyRemoved, "Front desk PC"), await AuditAsync(email));

        // The authenticator still holds the credential; the site no longer knows it.
        await StaffSteps.SignOutAsync(page);
        page.ExpectFailure("/staff/sign-in/passkey", 400);
        await page.Page.ClickAsync("button:text('Sign in with a passkey')");
        await Assertions.Expect(page.Page.Locator(".appt-error").First).ToContainTextAsync("does not open an account");
        await page.AssertPathAsync("/staff/sign-in");

        page.AssertNoProblems();
    }

    [Fact]
    public async Task WithoutScript_ThePasskeyFormsStayHidden_AndThePageSaysWhatTheyNeed()
    {
        var email = $"noscript-{Guid.NewGuid():N}@abovept.example";
        await using var page = await browser.OpenAsync(Viewport.Phone, javaScriptEnabled: false);
        await StaffSteps.SignUpAsync(browser, page, email, "front-desk", "phoenix");

        await page.GotoAsync("/staff/passkeys");

        await Assertions.Expect(page.Page.Locator("[data-passkey-unsupported]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("form[data-passkey]")).ToBeHiddenAsync();
        await StaffSteps.SignOutAsync(page);
        await Assertions.Expect(page.Page.Locator("form[data-passkey]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Page.Locator("#Email")).ToBeVisibleAsync();
        page.AssertNoProblems();
    }

    private async Task<List<(StaffEvent, string?)>> AuditAsync(string email)
    {
        using var scope = browser.Site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var rows = await db.StaffAudit.AsNoTracking().Where(a => a.StaffEmail == email).ToListAsync();
        return [.. rows.Select(a => (a.Event, a.Detail))];
    }
}
