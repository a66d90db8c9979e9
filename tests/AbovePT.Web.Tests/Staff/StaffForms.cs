using System.Net;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AbovePT.Web.Tests.Staff;

/// <summary>
/// A staff member's steps over plain HTTP, as a browser takes them (forms read from the page, their hidden fields
/// and antiforgery token posted back): invited, accepting, signing in.
/// </summary>
public static class StaffForms
{
    public const string Password = "correct horse battery staple";

    public sealed record Setup(string Key, List<string> RecoveryCodes);

    /// <summary>The invitation link's path, from the <c>staff invite</c> command as an operator runs it.</summary>
    public static async Task<string> InviteAsync(IServiceProvider services, string email, string role, string location, string name = "Ana Ruiz")
    {
        var output = new StringWriter();
        Assert.Equal(0, await StaffCommand.RunAsync(services, ["staff", "invite", "--email", email, "--name", name, "--role", role, "--location", location], output));
        return new Uri(output.ToString().TrimEnd().Split('\n')[^1].Trim()).PathAndQuery;
    }

    /// <summary>Accepts the invitation as a person would: password twice, then the app's code from the key on the page.</summary>
    public static async Task<Setup> AcceptAsync(HttpClient browser, string link)
    {
        var form = await OpenFormAsync(browser, link);
        form["Password"] = Password;
        form["ConfirmPassword"] = Password;
        var accepted = await PostAsync(browser, form);
        Assert.Equal("/staff/authenticator", accepted.Headers.Location!.OriginalString);

        var page = await Html.ParseAsync(await browser.GetAsync("/staff/authenticator"));
        var key = page.QuerySelector("#authenticator-key")!.TextContent;
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("main img")!.GetAttribute("src"), StringComparison.Ordinal);
        var enrol = Form(page);
        enrol["Code"] = Totp(key);
        var done = await PostAsync(browser, enrol);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var codes = (await Html.ParseAsync(done)).QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent).ToList();
        return new Setup(key, codes);
    }

    public static async Task SignInAsync(HttpClient browser, string email, string password, string code)
    {
        var signedIn = await PostSignInAsync(browser, email, password);
        Assert.Equal("/staff/sign-in/code", signedIn.Headers.Location!.OriginalString);
        var form = await OpenFormAsync(browser, "/staff/sign-in/code");
        form["Code"] = code;
        var done = await PostAsync(browser, form);
        Assert.Equal("/staff", done.Headers.Location!.OriginalString);
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string email, string password)
    {
        var form = await OpenFormAsync(browser, "/staff/sign-in");
        form["Email"] = email;
        form["Password"] = password;
        return await PostAsync(browser, form);
    }

    public static async Task<Dictionary<string, string>> OpenFormAsync(HttpClient browser, string path, string selector = "main form")
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Form(await Html.ParseAsync(response), selector);
    }

    /// <summary>The page's form as a browser would post it: its action and hidden fields, the rest filled in by the test.</summary>
    public static Dictionary<string, string> Form(IDocument page, string selector = "main form")
    {
        var form = page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form {selector} on the page.");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        fields["@action"] = form.GetAttribute("action")!;
        return fields;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient browser, Dictionary<string, string> form) =>
        browser.PostAsync(form["@action"], new FormUrlEncodedContent(form.Where(f => f.Key != "@action")));

    public static string Totp(string key) => Infrastructure.Totp.Now(key);
}
