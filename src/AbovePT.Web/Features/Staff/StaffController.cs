using System.Text;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;

namespace AbovePT.Web.Features.Staff;

/// <summary>
/// The staff side's door: accepting an invitation (password, then an authenticator app, then recovery codes),
/// signing in (password, then a code), signing out. Nothing here is cached or indexed.
/// </summary>
[Route("staff")]
[ResponseCache(CacheProfileName = CacheProfiles.NoStore)]
[StaffPrivate]
public sealed partial class StaffController(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    ClinicDbContext db,
    StaffAudit audit,
    TimeProvider time) : Controller
{
    public const string SignInRateLimitPolicy = "staff-sign-in";

    /// <summary>One message for an unknown e-mail, a wrong password, a disabled or a locked account.</summary>
    internal const string SignInRefused =
        "That e-mail address and password do not open an account. Check both and try again; after 5 failed tries an account waits 15 minutes.";

    private const string Issuer = "Above & Beyond PT";

    private const int AuditPageSize = 500;

    /// <summary>A hash to check an unknown e-mail's password against, so it takes as long as a known one's.</summary>
    private static readonly string DecoyHash = new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), "decoy password, never anyone's");

    /// <summary>The staff home: links to the inbox and the person's pages, and the overview of their clinics' last 30 days.</summary>
    [HttpGet("")]
    [Authorize(Policy = StaffSignIn.Policy)]
    public async Task<IActionResult> Home([FromServices] InboxOverview overview, [FromServices] IOptions<ClinicOptions> clinic)
    {
        var user = (await users.GetUserAsync(User))!;
        var served = clinic.Value.OrderedLocations.Where(l => StaffLocations.Serves(user, l.Id)).ToList();
        return View(new StaffHomePage(user, await overview.ForAsync(served, HttpContext.RequestAborted)));
    }

    /// <summary>The audit trail, newest first, for admins: who came in, who was invited, disabled or reset.</summary>
    [HttpGet("audit")]
    [Authorize(Policy = StaffSignIn.AdminPolicy)]
    public async Task<IActionResult> Audit() =>
        View(await db.StaffAudit.AsNoTracking().OrderByDescending(a => a.Id).Take(AuditPageSize).ToListAsync());

    [HttpGet("team")]
    [Authorize(Policy = StaffSignIn.AdminPolicy)]
    public async Task<IActionResult> Team([FromServices] StaffAccounts accounts) => View(await TeamPageAsync(accounts));

    [HttpPost("team/invite")]
    [Authorize(Policy = StaffSignIn.AdminPolicy)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Invite([FromServices] StaffAccounts accounts, StaffInviteForm form)
    {
        var by = (await users.GetUserAsync(User))!.Email!;
        var (issued, problem) = await accounts.InviteAsync(form.Email ?? "", form.Name ?? "", form.Role ?? "", form.Location ?? "", by, ClientAddress);
        if (issued is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Team), await TeamPageAsync(accounts, problem: problem, form: form));
        }

        // Shown once, on this answer only (no-store): the administrator hands it to the person.
        return View(nameof(Team), await TeamPageAsync(accounts, done: $"Invited {issued.User.DisplayName}. Give them this link yourself; it works once, for 24 hours:", link: issued.Link));
    }

    [HttpPost("team/disable")]
    [Authorize(Policy = StaffSignIn.AdminPolicy)]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Disable([FromServices] StaffAccounts accounts, string? email) =>
        ChangeAsync(accounts, email, "Disabled", (by, target) =>
            string.Equals(target, by, StringComparison.OrdinalIgnoreCase)
                ? Task.FromResult<string?>("You cannot disable your own account; another admin can, or `staff disable` on the server.")
                : accounts.DisableAsync(target, by, ClientAddress));

    [HttpPost("team/enable")]
    [Authorize(Policy = StaffSignIn.AdminPolicy)]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Enable([FromServices] StaffAccounts accounts, string? email) =>
        ChangeAsync(accounts, email, "Enabled", (by, target) => accounts.EnableAsync(target, by, ClientAddress));

    [HttpPost("team/reset-2fa")]
    [Authorize(Policy = StaffSignIn.AdminPolicy)]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> ResetSecondFactor([FromServices] StaffAccounts accounts, string? email) =>
        ChangeAsync(accounts, email, "Removed the second factor of", (by, target) => accounts.ResetSecondFactorAsync(target, by, ClientAddress));

    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new StaffSignInForm { ReturnUrl = StaffPage(returnUrl) });

    [HttpPost("sign-in")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(SignInRateLimitPolicy)]
    public async Task<IActionResult> SignIn(StaffSignInForm form)
    {
        var user = string.IsNullOrWhiteSpace(form.Email) ? null : await users.FindByEmailAsync(form.Email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DecoyHash, form.Password ?? "");
            await audit.RecordAsync(StaffEvent.SignInFailed, null, null, ClientAddress, "unknown e-mail");
            return Refused(form);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, form.Password ?? "", lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            await audit.RecordAsync(result.IsLockedOut ? StaffEvent.LockedOut : StaffEvent.SignInFailed, user.Email, null, ClientAddress,
                result.IsNotAllowed ? "account disabled or not yet accepted" : result.IsLockedOut ? "locked for 15 minutes" : "wrong password");
            return Refused(form);
        }

        await StaffSignIn.BeginSecondStepAsync(HttpContext, user.Id);
        return await HasSecondFactorAsync(user)
            ? RedirectToAction(nameof(Code), new { returnUrl = StaffPage(form.ReturnUrl) })
            : RedirectToAction(nameof(Authenticator));
    }

    [HttpGet("sign-in/code")]
    public async Task<IActionResult> Code(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(SignIn))
            : View(new StaffCodeForm { ReturnUrl = StaffPage(returnUrl) });

    [HttpPost("sign-in/code")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(SignInRateLimitPolicy)]
    public async Task<IActionResult> Code(StaffCodeForm form)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToAction(nameof(SignIn));
        }

        var code = Compact(form.Code);
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(form.Code?.Trim() ?? "");
        if (result.Succeeded)
        {
            await audit.RecordAsync(StaffEvent.SignInSucceeded, user.Email, null, ClientAddress, code.Length == 6 ? "authenticator code" : "recovery code");
            return StaffPage(form.ReturnUrl) is { } page ? LocalRedirect(page) : RedirectToAction(nameof(Home));
        }

        await audit.RecordAsync(result.IsLockedOut ? StaffEvent.LockedOut : StaffEvent.SignInFailed, user.Email, null, ClientAddress, "wrong code");
        ModelState.AddModelError(nameof(StaffCodeForm.Code), result.IsLockedOut
            ? "Too many wrong codes: this account waits 15 minutes before it can sign in again."
            : "That code is not right. Enter the 6 digits your authenticator app shows now, or one of your recovery codes.");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(new StaffCodeForm { ReturnUrl = StaffPage(form.ReturnUrl) });
    }

    [HttpGet("invitation")]
    public async Task<IActionResult> Invitation(string? token) =>
        await FindInvitationAsync(token) is null ? InvitationUnusable() : View(new StaffInvitationForm { Token = token });

    [HttpPost("invitation")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(SignInRateLimitPolicy)]
    public async Task<IActionResult> Invitation(StaffInvitationForm form)
    {
        if (await FindInvitationAsync(form.Token) is not { } invitation
            || await users.FindByIdAsync(invitation.UserId) is not { HasAccepted: false } user)
        {
            return InvitationUnusable();
        }

        if (form.Password != form.ConfirmPassword)
        {
            ModelState.AddModelError(nameof(StaffInvitationForm.ConfirmPassword), "The two passwords are not the same.");
        }
        else
        {
            var added = await users.AddPasswordAsync(user, form.Password ?? "");
            foreach (var error in added.Errors)
            {
                ModelState.AddModelError(nameof(StaffInvitationForm.Password), PasswordMessage(error));
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new StaffInvitationForm { Token = form.Token });
        }

        invitation.Spend(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        await audit.RecordAsync(StaffEvent.InvitationAccepted, user.Email, null, ClientAddress);
        await StaffSignIn.BeginSecondStepAsync(HttpContext, user.Id);
        return RedirectToAction(nameof(Authenticator));
    }

    [HttpGet("authenticator")]
    public async Task<IActionResult> Authenticator()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToAction(nameof(SignIn));
        }

        if (await HasSecondFactorAsync(user))
        {
            return RedirectToAction(nameof(Code));
        }

        return View(await AuthenticatorPageAsync(user));
    }

    [HttpPost("authenticator")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(SignInRateLimitPolicy)]
    public async Task<IActionResult> Authenticator(StaffCodeForm form)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user || await HasSecondFactorAsync(user))
        {
            return RedirectToAction(nameof(SignIn));
        }

        var code = Compact(form.Code);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(StaffCodeForm.Code), "That code is not right. Enter the 6 digits the app shows for Above & Beyond PT now.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await AuthenticatorPageAsync(user));
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await StaffSignIn.EndSecondStepAsync(HttpContext);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new("amr", "mfa")]);
        await audit.RecordAsync(StaffEvent.SignInSucceeded, user.Email, null, ClientAddress, "authenticator set up");
        // Shown once, in this answer only: never stored where a later request could show them again.
        return View("RecoveryCodes", codes?.ToList() ?? []);
    }

    [HttpPost("sign-out")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> EndSession()
    {
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            await audit.RecordAsync(StaffEvent.SignedOut, user.Email, null, ClientAddress);
        }

        await signIn.SignOutAsync();
        return RedirectToAction(nameof(SignIn));
    }

    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    private async Task<IActionResult> ChangeAsync(StaffAccounts accounts, string? email, string done, Func<string, string, Task<string?>> change)
    {
        var by = (await users.GetUserAsync(User))!.Email!;
        var problem = await change(by, email ?? "");
        if (problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(nameof(Team), await TeamPageAsync(accounts, done: problem is null ? $"{done} {email}." : null, problem: problem));
    }

    private static async Task<StaffTeamPage> TeamPageAsync(StaffAccounts accounts, string? done = null, string? problem = null, Uri? link = null, StaffInviteForm? form = null) =>
        new(await accounts.MembersAsync(), done, problem, link, form ?? new StaffInviteForm());

    private string? ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    /// <summary>
    /// Where to go after signing in (a request's page, from the front desk's e-mail): a staff page of this site,
    /// or nothing. Never another site, nor a public page: the link cannot be turned into a redirect elsewhere.
    /// </summary>
    private string? StaffPage(string? returnUrl) =>
        returnUrl is { Length: <= 200 } && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/staff/", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/staff/sign-", StringComparison.Ordinal)
            ? returnUrl
            : null;

    private async Task<bool> HasSecondFactorAsync(StaffUser user) =>
        await users.GetTwoFactorEnabledAsync(user) || (await users.GetPasskeysAsync(user)).Count > 0;

    private ViewResult Refused(StaffSignInForm form)
    {
        ModelState.AddModelError(nameof(StaffSignInForm.Email), SignInRefused);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(SignIn), new StaffSignInForm { Email = form.Email, ReturnUrl = StaffPage(form.ReturnUrl) });
    }

    private ViewResult InvitationUnusable()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("InvitationUnusable");
    }

    private async Task<StaffInvitation?> FindInvitationAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = StaffInvitation.Hash(token);
        var invitation = await db.StaffInvitations.FirstOrDefaultAsync(i => i.TokenHash == hash);
        return invitation is not null && invitation.IsUsable(time.GetUtcNow().UtcDateTime) ? invitation : null;
    }

    private static string PasswordMessage(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "Choose a password of at least 12 characters; a few words in a row work well.",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "Choose a password with at least 4 different characters.",
        _ => error.Description,
    };

    private async Task<StaffAuthenticatorPage> AuthenticatorPageAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return new StaffAuthenticatorPage(Spaced(key), $"data:image/png;base64,{Convert.ToBase64String(png)}", user.Email!);
    }

    /// <summary>A code as typed, without the spaces or dashes people put in to read it ("123 456").</summary>
    private static string Compact(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    /// <summary>The key in groups of four, easier to type into an app by hand.</summary>
    private static string Spaced(string key)
    {
        var spaced = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            spaced.Append(spaced.Length == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return spaced.ToString().ToLowerInvariant();
    }
}

public sealed class StaffSignInForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>The staff page that sent the person here to sign in; they go on to it after.</summary>
    public string? ReturnUrl { get; set; }
}

public sealed class StaffCodeForm
{
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class StaffInvitationForm
{
    public string? Token { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class StaffInviteForm
{
    public string? Email { get; set; }

    public string? Name { get; set; }

    public string? Role { get; set; } = StaffRoles.FrontDesk;

    public string? Location { get; set; }
}

public sealed record StaffHomePage(StaffUser User, IReadOnlyList<ClinicOverview> Overview);

public sealed record StaffTeamPage(List<StaffMember> Members, string? Done, string? Problem, Uri? Link, StaffInviteForm Form);

public sealed record StaffAuthenticatorPage(string Key, string QrCodeDataUri, string Email);

/// <summary>
/// Staff pages are nobody else's business: never indexed, never kept by a browser or proxy. They are also the only
/// pages that may use passkeys.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StaffPrivateAttribute : Attribute, IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers["Permissions-Policy"] = SecurityHeadersMiddleware.PasskeyPermissionsPolicy;
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
