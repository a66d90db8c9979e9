using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

using static AbovePT.Web.Tests.Staff.StaffForms;

namespace AbovePT.Web.Tests.Staff;

/// <summary>
/// What of passkeys plain HTTP can check (the ceremonies themselves are in the browser tests, through Chromium's
/// virtual authenticator): the relying party is the configured site whatever Host a client sends, the options
/// need the form's antiforgery token, and a stale or missing ceremony is a clear 400, never a 500.
/// </summary>
public sealed partial class StaffSignInTests
{
    [Fact]
    public async Task PasskeyPage_ForASignedInPerson_ListsNone_AndOffersTheFormOnlyToScript()
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var browser = Browser();
        await SignInAsync(browser, Ana, Password, Totp(key));

        var response = await browser.GetAsync("/staff/passkeys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("no passkeys yet", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector("form[data-passkey=create]")!.HasAttribute("hidden"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/passkeys.js']"));
        Assert.Equal(HttpStatusCode.Redirect, (await Browser().GetAsync("/staff/passkeys")).StatusCode);
    }

    [Fact]
    public async Task PasskeyOptions_NameTheConfiguredSite_NeverTheHostHeader()
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var browser = Browser();
        await SignInAsync(browser, Ana, Password, Totp(key));
        var passkeys = Form(await Html.ParseAsync(await browser.GetAsync("/staff/passkeys")), "form[data-passkey=create]");
        var signInPage = await Html.ParseAsync(await Browser().GetAsync("/staff/sign-in"));

        var creation = await PostOptionsAsync(browser, "/staff/passkeys/options", passkeys["__RequestVerificationToken"], "evil.example");
        var anonymous = Browser();
        var signInForm = Form(await Html.ParseAsync(await anonymous.GetAsync("/staff/sign-in")), "form[data-passkey=get]");
        var request = await PostOptionsAsync(anonymous, "/staff/sign-in/passkey/options", signInForm["__RequestVerificationToken"], "evil.example");

        Assert.NotNull(signInPage.QuerySelector("form[data-passkey=get][hidden]"));
        // Passkeys work on the staff pages and nowhere else.
        Assert.Contains("publickey-credentials-get=(self)", string.Join(",", (await Browser().GetAsync("/staff/sign-in")).Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.Contains("publickey-credentials-get=()", string.Join(",", (await Browser().GetAsync("/")).Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.Equal("www.abovept.example", creation.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("required", creation.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());
        Assert.Equal(Ana, creation.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("www.abovept.example", request.GetProperty("rpId").GetString());
        Assert.Equal("required", request.GetProperty("userVerification").GetString());
    }

    [Fact]
    public async Task PasskeyOptions_WithoutTheFormsToken_AreRefused()
    {
        var response = await Browser().PostAsync("/staff/sign-in/passkey/options", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PasskeyCeremony_ExpiredOrNeverStarted_SaysTryAgain_NotAServerError()
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var browser = Browser();
        await SignInAsync(browser, Ana, Password, Totp(key));
        var add = Form(await Html.ParseAsync(await browser.GetAsync("/staff/passkeys")), "form[data-passkey=create]");
        add["Name"] = "Ana's phone";
        add["Credential"] = """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}""";
        var anonymous = Browser();
        var signIn = Form(await Html.ParseAsync(await anonymous.GetAsync("/staff/sign-in")), "form[data-passkey=get]");
        signIn["Credential"] = add["Credential"];

        var added = await PostAsync(browser, add);
        var signedIn = await PostAsync(anonymous, signIn);

        foreach (var response in new[] { added, signedIn })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(StaffController.CeremonyExpired, (await Html.ParseAsync(response)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", "Give the passkey a name")]
    [InlineData("a name far too long for anyone to read in a list of passkeys, really", "50 characters")]
    [InlineData("Ana\u202Ephone", "invisible character")]
    public async Task PasskeyName_BreakingARule_SaysWhich(string name, string message)
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var browser = Browser();
        await SignInAsync(browser, Ana, Password, Totp(key));
        var add = Form(await Html.ParseAsync(await browser.GetAsync("/staff/passkeys")), "form[data-passkey=create]");
        add["Name"] = name;
        add["Credential"] = "{}";

        var refused = await PostAsync(browser, add);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(message, (await Html.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasskeyRemoveOrRename_OfACredentialNotOnTheAccount_Is404()
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var browser = Browser();
        await SignInAsync(browser, Ana, Password, Totp(key));
        var page = await Html.ParseAsync(await browser.GetAsync("/staff/passkeys"));
        var token = Form(page, "form[data-passkey=create]")["__RequestVerificationToken"];

        foreach (var (action, id) in new[] { ("remove", "AAAA"), ("rename", "not base64url!"), ("remove", "") })
        {
            var response = await browser.PostAsync($"/staff/passkeys/{action}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["id"] = id,
                ["name"] = "Phone",
            }));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task PasskeyRenamedThenRemoved_EndsTheOtherSessionsWithinAMinute_AndKeepsThisOne()
    {
        var key = (await AcceptAsync(Browser(), await InviteAsync())).Key;
        var here = Browser();
        var elsewhere = Browser();
        await SignInAsync(here, Ana, Password, Totp(key));
        await SignInAsync(elsewhere, Ana, Password, Totp(key));
        await StorePasskeyAsync(Ana, "Old phone");

        var rename = Form(await Html.ParseAsync(await here.GetAsync("/staff/passkeys")), "#passkey-list form[action$=rename]");
        rename["name"] = "Lost phone";
        var renamed = await PostAsync(here, rename);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var list = await Html.ParseAsync(renamed);
        Assert.Equal("Lost phone", list.QuerySelector("#passkey-list strong")!.TextContent);

        var removed = await PostAsync(here, Form(list, "#passkey-list form[action$=remove]"));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Null((await Html.ParseAsync(removed)).QuerySelector("#passkey-list"));
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/staff")).StatusCode);
        Assert.Contains(await AuditAsync(), a => a is { Event: StaffEvent.PasskeyRemoved, StaffEmail: Ana, Detail: "Lost phone" });
    }

    [Fact]
    public async Task SignInPosts_PastTheLimit_GetTheStaffSidesOwnTooManyPage()
    {
        var browser = Browser();
        var form = await OpenFormAsync(browser, "/staff/sign-in");
        form["Email"] = "nobody@abovept.example";
        form["Password"] = "wrong password entirely";
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(browser, form)).StatusCode);
        }

        var refused = await PostAsync(browser, form);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        Assert.True(refused.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var page = await Html.ParseAsync(refused);
        Assert.Equal("Too many tries from this connection", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("noindex, nofollow", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    /// <summary>A passkey as a device would have left it, stored the way Identity stores one after its ceremony.</summary>
    private async Task StorePasskeyAsync(string email, string name)
    {
        await using var scope = _site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var passkey = new UserPasskeyInfo(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(77), _clock.GetUtcNow(),
            signCount: 0, transports: ["internal"], isUserVerified: true, isBackupEligible: false, isBackedUp: false,
            attestationObject: [], clientDataJson: [])
        { Name = name };
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
    }

    private static async Task<JsonElement> PostOptionsAsync(HttpClient browser, string path, string token, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Host = host;
        var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
