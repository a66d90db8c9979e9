using AbovePT.BrowserTests.Infrastructure;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AbovePT.BrowserTests;

/// <summary>
/// A new admin, keyboard only, in real Chromium at a phone's and a desktop's size: the invitation
/// link, a password, the authenticator app (the code computed from the key the page shows), the recovery
/// codes, the staff home; then signing out and in again with a code, and the team and audit pages. Every page
/// passes axe.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StaffJourneyTests(BrowserFixture browser)
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task Invitation_ToSignedIn_KeyboardOnly_EveryStepAccessible(string viewport)
    {
        var email = $"staff-{viewport}-{Guid.NewGuid():N}@abovept.example";
        var output = new StringWriter();
        Assert.Equal(0, await StaffCommand.RunAsync(browser.Site.Services, ["staff", "invite", "--email", email, "--name", "Ana Ruiz", "--role", "admin", "--location", "all"], output));
        var link = new Uri(output.ToString().TrimEnd().Split('\n')[^1].Trim()).PathAndQuery;
        await using var page = await browser.OpenAsync(Viewport.Named(viewport));
        var keyboard = page.Page.Keyboard;

        await page.GotoAsync(link);
        await page.AssertAccessibleAsync();
        await page.Page.TabToAsync("#Password");
        await keyboard.TypeAsync(Password);
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(Password);
        await keyboard.PressAsync("Enter");

        await page.AssertPathAsync("/staff/authenticator");
        await page.AssertAccessibleAsync();
        var key = await page.Page.Locator("#authenticator-key").InnerTextAsync();
        Assert.True(await page.Page.Locator("main img[src^='data:image/png']").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await page.Page.TabToAsync("#Code");
        await keyboard.TypeAsync(Totp.Now(key));
        await keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.AssertAccessibleAsync();
        await page.Page.TabToAsync("main a[href='/staff']");
        await keyboard.PressAsync("Enter");

        await page.AssertPathAsync("/staff");
        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Hello, Ana Ruiz");
        await page.AssertAccessibleAsync();
        await page.Page.TabToAsync("main button[type=submit]");
        await keyboard.PressAsync("Enter");

        await page.AssertPathAsync("/staff/sign-in");
        await page.AssertAccessibleAsync();
        await page.Page.TabToAsync("#Email");
        await keyboard.TypeAsync(email);
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(Password);
        await keyboard.PressAsync("Enter");
        await page.AssertPathAsync("/staff/sign-in/code");
        await page.AssertAccessibleAsync();
        await page.Page.TabToAsync("#Code");
        await keyboard.TypeAsync(Totp.Now(key));
        await keyboard.PressAsync("Enter");

        await page.AssertPathAsync("/staff");
        Assert.False(await page.Page.ScrollsHorizontallyAsync());

        // An admin's own pages, as readable at a phone's width (their tables scroll inside themselves).
        foreach (var adminPage in new[] { "/staff/team", "/staff/audit" })
        {
            await page.GotoAsync(adminPage);
            await page.AssertAccessibleAsync();
            Assert.False(await page.Page.ScrollsHorizontallyAsync(), $"{adminPage} scrolls sideways");
        }

        page.AssertNoProblems();
        await page.AssertStyledAsync();
    }
}
