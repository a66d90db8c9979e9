using System.Net;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using static AbovePT.Web.Tests.Staff.StaffForms;

namespace AbovePT.Web.Tests.Staff;

/// <summary>
/// The staff side's door over real HTTP, a real SQLite file and cookies kept as a browser keeps them: an
/// invitation becomes an account with a password and an authenticator app; signing in takes both.
/// </summary>
public sealed partial class StaffSignInTests : IDisposable
{
    private const string Ana = "ana.ruiz@abovept.example";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly AppointmentSite _site;

    public StaffSignInTests() => _site = new AppointmentSite(null).WithClock(_clock);

    [Fact]
    public async Task Invitation_Password_Authenticator_RecoveryCodes_ThenSignedIn()
    {
        var browser = Browser();
        var link = await InviteAsync();

        var setup = await AcceptAsync(browser, link);

        Assert.Equal(10, setup.RecoveryCodes.Count);
        var home = await browser.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Hello, Ana Ruiz", (await Html.ParseAsync(home)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            [StaffEvent.InvitationIssued, StaffEvent.InvitationAccepted, StaffEvent.SignInSucceeded],
            (await AuditAsync()).Select(a => a.Event));
    }

    [Fact]
    public async Task StaffCookie_IsHttpOnlyStrictAndSiteWide()
    {
        var browser = Browser();
        var link = await InviteAsync();
        var form = await OpenFormAsync(browser, link);
        form["Password"] = Password;
        form["ConfirmPassword"] = Password;
        var accepted = await PostAsync(browser, form);

        var cookie = Assert.Single(accepted.Headers.GetValues("Set-Cookie"), c => c.StartsWith("staff-step=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Invitation_UsedOnceOrExpired_CannotBeUsedAgain()
    {
        var link = await InviteAsync();
        await AcceptAsync(Browser(), link);

        var reused = await Browser().GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
        Assert.Contains("cannot be used", (await Html.ParseAsync(reused)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var second = await InviteAsync("lupe@abovept.example");
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await Browser().GetAsync(second)).StatusCode);
    }

    [Theory]
    [InlineData("too short", "too short", "at least 12 characters")]
    [InlineData("ana.ruiz@abovept.example", "ana.ruiz@abovept.example", "not your e-mail address")]
    [InlineData("correct horse battery", "correct horse batterY", "not the same")]
    public async Task Invitation_PasswordBreakingARule_SaysWhichRule(string password, string again, string message)
    {
        var browser = Browser();
        var form = await OpenFormAsync(browser, await InviteAsync());
        form["Password"] = password;
        form["ConfirmPassword"] = again;

        var refused = await PostAsync(browser, form);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains(message, page.QuerySelector(".appt-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("input[aria-invalid]")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task SignIn_WithPasswordAndAuthenticatorCode_OpensTheStaffPages_AndSignOutEndsIt()
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var browser = Browser();

        await SignInAsync(browser, Ana, Password, Totp(key));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).StatusCode);
        var home = await OpenFormAsync(browser, "/staff");
        var signedOut = await PostAsync(browser, home);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff")).StatusCode);
        Assert.Contains(StaffEvent.SignedOut, (await AuditAsync()).Select(a => a.Event));
    }

    [Theory]
    [InlineData(Ana, "wrong password entirely")]
    [InlineData("nobody@abovept.example", Password)]
    public async Task SignIn_UnknownEmailOrWrongPassword_GetTheSameMessage(string email, string password)
    {
        await AcceptAsync(Browser(), await InviteAsync());
        var browser = Browser();

        var refused = await PostSignInAsync(browser, email, password);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(StaffController.SignInRefused, (await Html.ParseAsync(refused)).QuerySelector(".appt-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockTheAccountFor15Minutes_WithTheSameMessage()
    {
        await AcceptAsync(Browser(), await InviteAsync());
        var browser = Browser();
        for (var i = 0; i < 5; i++)
        {
            await PostSignInAsync(browser, Ana, "wrong password entirely");
        }

        var locked = await PostSignInAsync(browser, Ana, Password);

        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Equal(StaffController.SignInRefused, (await Html.ParseAsync(locked)).QuerySelector(".appt-error")!.TextContent.Trim());
        Assert.Contains(StaffEvent.LockedOut, (await AuditAsync()).Select(a => a.Event));

        // Identity keeps lockouts on the real clock.
        await using var scope = _site.Services.CreateAsyncScope();
        var ana = (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>().FindByEmailAsync(Ana))!;
        Assert.InRange(ana.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var codes = (await AcceptAsync(Browser(), await InviteAsync())).RecoveryCodes;

        var first = Browser();
        await SignInAsync(first, Ana, Password, codes[0]);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/staff")).StatusCode);

        var second = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(second, Ana, Password)).StatusCode);
        var form = await OpenFormAsync(second, "/staff/sign-in/code");
        form["Code"] = codes[0];
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(second, form)).StatusCode);
    }

    [Fact]
    public async Task PasswordAlone_NeverReachesTheStaffPages()
    {
        await AcceptAsync(Browser(), await InviteAsync());
        var browser = Browser();

        var password = await PostSignInAsync(browser, Ana, Password);

        Assert.Equal("/staff/sign-in/code", password.Headers.Location!.OriginalString);
        var home = await browser.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/staff/sign-in", home.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsOpenSessionWithinAMinute()
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var browser = Browser();
        await SignInAsync(browser, Ana, Password, Totp(key));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).StatusCode);

        var output = new StringWriter();
        Assert.Equal(0, await StaffCommand.RunAsync(_site.Services, ["staff", "disable", Ana], output));
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostSignInAsync(Browser(), Ana, Password)).StatusCode);
    }

    [Fact]
    public async Task Session_EndsAfter15IdleMinutes_AndAfter10HoursHoweverBusy()
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var idle = Browser();
        var busy = Browser();
        await SignInAsync(idle, Ana, Password, Totp(key));
        await SignInAsync(busy, Ana, Password, Totp(key));

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(10); elapsed += TimeSpan.FromMinutes(10))
        {
            var page = await busy.GetAsync("/staff");
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"busy session ended after {elapsed}: {page.StatusCode} {page.Headers.Location}");
            if (elapsed == TimeSpan.FromMinutes(20))
            {
                Assert.Equal(HttpStatusCode.Redirect, (await idle.GetAsync("/staff")).StatusCode);
            }

            _clock.Advance(TimeSpan.FromMinutes(10));
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Redirect, (await busy.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task AuditPage_ForAnAdmin_ListsTheEvents_AndIsForbiddenToTheFrontDesk()
    {
        var adminKey = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var admin = Browser();
        await SignInAsync(admin, Ana, Password, Totp(adminKey));

        var audit = await admin.GetAsync("/staff/audit");

        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var rows = (await Html.ParseAsync(audit)).QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("InvitationIssued", StringComparison.Ordinal) && r.Contains("command line", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("SignInSucceeded", StringComparison.Ordinal) && r.Contains(Ana, StringComparison.Ordinal));

        const string Lupe = "lupe@abovept.example";
        var output = new StringWriter();
        Assert.Equal(0, await StaffCommand.RunAsync(_site.Services, ["staff", "invite", "--email", Lupe, "--name", "Lupe Nuñez", "--role", "front-desk", "--location", "phoenix"], output));
        var lupeKey = (await AcceptAsync(Browser(), new Uri(output.ToString().TrimEnd().Split('\n')[^1].Trim()).PathAndQuery)).Key;
        var frontDesk = Browser();
        await SignInAsync(frontDesk, Lupe, Password, Totp(lupeKey));

        var forbidden = await frontDesk.GetAsync("/staff/audit");

        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.Equal("/staff/denied", forbidden.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync(forbidden.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await frontDesk.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task TeamPage_AdminInvitesDisablesAndResets_FrontDeskIsForbidden()
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var admin = Browser();
        await SignInAsync(admin, Ana, Password, Totp(key));

        var invite = await OpenFormAsync(admin, "/staff/team", "#invite");
        invite["Email"] = "lupe@abovept.example";
        invite["Name"] = "Lupe Nuñez";
        invite["Role"] = StaffRoles.FrontDesk;
        invite["Location"] = "phoenix";
        var invited = await PostAsync(admin, invite);

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var link = new Uri((await Html.ParseAsync(invited)).QuerySelector("#invitation-link")!.TextContent).PathAndQuery;
        var lupe = Browser();
        var lupeKey = (await AcceptAsync(lupe, link)).Key;
        Assert.Equal(HttpStatusCode.OK, (await lupe.GetAsync("/staff")).StatusCode);
        var forbidden = await lupe.GetAsync("/staff/team");
        Assert.Equal("/staff/denied", forbidden.Headers.Location!.AbsolutePath);
        Assert.Contains(await AuditAsync(), a => a is { Event: StaffEvent.InvitationIssued, StaffEmail: "lupe@abovept.example", By: Ana });

        var mine = await OpenFormAsync(admin, "/staff/team", $"form:has(input[value='{Ana}'])[action$='disable']");
        var refused = await PostAsync(admin, mine);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("cannot disable your own account", (await Html.ParseAsync(refused)).QuerySelector("#team-problem")!.TextContent, StringComparison.Ordinal);

        var disable = await OpenFormAsync(admin, "/staff/team", "form:has(input[value='lupe@abovept.example'])[action$='disable']");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(admin, disable)).StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Redirect, (await lupe.GetAsync("/staff")).StatusCode);
        Assert.Contains(await AuditAsync(), a => a is { Event: StaffEvent.AccountDisabled, StaffEmail: "lupe@abovept.example", By: Ana });
        Assert.NotEqual("", lupeKey);
    }

    [Fact]
    public async Task NoPasswordKeyTokenOrRecoveryCode_EverReachesTheLogsOrTheAudit()
    {
        var link = await InviteAsync();
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        var setup = await AcceptAsync(Browser(), link);
        var browser = Browser();
        await PostSignInAsync(browser, Ana, "wrong password entirely");
        await SignInAsync(browser, Ana, Password, Totp(setup.Key));
        await SignInAsync(Browser(), Ana, Password, setup.RecoveryCodes[0]);

        // The 6-digit codes are left out: six digits can turn up in any log line (a port, a duration) by chance.
        string[] secrets = [Password, "wrong password entirely", setup.Key, setup.Key.Replace(" ", "", StringComparison.Ordinal), .. setup.RecoveryCodes];
        var logged = _site.Logs.Entries.Select(e => e.ToString()).ToList();
        // The invitation's token is in its link, so the framework's request lines at Information name it; the site's
        // own settings keep those out of the log (Microsoft.AspNetCore at Warning), and the token works once.
        Assert.DoesNotContain(_site.OperatorLogs.Entries, e => e.ToString().Contains(token, StringComparison.Ordinal));
        var audited = (await AuditAsync()).Select(a => $"{a.StaffEmail} {a.By} {a.Detail}").ToList();
        Assert.NotEmpty(logged);
        Assert.Contains(audited, a => a.Contains("recovery code", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.False(logged.Any(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)), $"logged: {logged.FirstOrDefault(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase))}");
            Assert.DoesNotContain(audited, row => row.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(audited, row => row.Contains(token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task InProduction_TheStaffCookiesAreHostOnlyAndSecure()
    {
        using var production = new AbovePT.Web.Tests.Security.ProbeSiteFactory { Environment = "Production" };
        var cookies = production.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>();

        foreach (var (scheme, name) in new[] { (Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme, "__Host-staff"), (Microsoft.AspNetCore.Identity.IdentityConstants.TwoFactorUserIdScheme, "__Host-staff-step") })
        {
            var cookie = cookies.Get(scheme).Cookie;
            Assert.Equal(name, cookie.Name);
            Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, cookie.SecurePolicy);
            Assert.True(cookie.HttpOnly);
            Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Strict, cookie.SameSite);
            Assert.Equal("/", cookie.Path);
            Assert.Null(cookie.Domain);
        }
    }

    [Theory]
    [InlineData("/staff/sign-in")]
    [InlineData("/staff/denied")]
    public async Task StaffPages_AreNeverStoredNorIndexed(string path)
    {
        var response = await Browser().GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Contains("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
        Assert.Equal("noindex, nofollow", (await Html.ParseAsync(response)).QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Contains("Disallow: /staff", await Browser().GetStringAsync("/robots.txt"), StringComparison.Ordinal);
    }

    private HttpClient Browser() => _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private Task<string> InviteAsync(string email = Ana) => StaffForms.InviteAsync(_site.Services, email, "admin", "all");

    private async Task<List<StaffAuditEntry>> AuditAsync()
    {
        await using var scope = _site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().StaffAudit.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public void Dispose()
    {
        _site.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
