using AbovePT.Web.Features.Staff;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AbovePT.BrowserTests.Infrastructure;

/// <summary>A staff member's first steps in the browser, for journeys that begin once someone has an account.</summary>
public static class StaffSteps
{
    public const string Password = "correct horse battery staple";

    /// <summary>Invited (the <c>staff invite</c> command), a password, the authenticator app: signed in, on the recovery codes.</summary>
    /// <returns>The authenticator key, to compute codes with at the next sign-in.</returns>
    public static async Task<string> SignUpAsync(BrowserFixture browser, BrowserPage page, string email, string role, string location, string name = "Ana Ruiz")
    {
        var output = new StringWriter();
        Assert.Equal(0, await StaffCommand.RunAsync(browser.Site.Services, ["staff", "invite", "--email", email, "--name", name, "--role", role, "--location", location], output));
        await page.GotoAsync(new Uri(output.ToString().TrimEnd().Split('\n')[^1].Trim()).PathAndQuery);
        await page.Page.FillAsync("#Password", Password);
        await page.Page.FillAsync("#ConfirmPassword", Password);
        await page.Page.ClickAsync("main button[type=submit]");
        await page.AssertPathAsync("/staff/authenticator");
        var key = await page.Page.Locator("#authenticator-key").InnerTextAsync();
        await page.Page.FillAsync("#Code", Totp.Now(key));
        await page.Page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        return key;
    }

    public static async Task SignOutAsync(BrowserPage page)
    {
        await page.GotoAsync("/staff");
        await page.Page.ClickAsync("button:text('Sign out')");
        await page.AssertPathAsync("/staff/sign-in");
    }
}
