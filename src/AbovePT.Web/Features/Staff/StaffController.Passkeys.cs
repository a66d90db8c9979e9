using System.Buffers.Text;
using AbovePT.Web.Features.Appointments;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace AbovePT.Web.Features.Staff;

/// <summary>
/// Passkeys (this part of the staff controller): a signed-in person adds, names, renames and removes
/// theirs at <c>/staff/passkeys</c>, and then signs in with one alone. The browser's side is <c>wwwroot/js/passkeys.js</c>: it fetches the options (a POST with the
/// form's antiforgery token), asks the authenticator, and posts the credential back in the same form, so every
/// answer here is a page, as with every other staff form.
/// </summary>
/// <remarks>
/// A passkey counts as both factors: it is something the person has, and the authenticator verifies them (user
/// verification is required, Identity's default, kept in <see cref="StaffServiceCollectionExtensions"/>). So a
/// passkey sign-in opens a session marked <c>amr=mfa</c>, as a password and a code do. Identity's
/// <c>PasskeySignInAsync</c> marks its sessions <c>amr=pwd</c>, which the staff policy rightly refuses; the
/// sign-in below is that method's steps (assertion, the account checks, the stored sign count) with the right mark.
/// </remarks>
public sealed partial class StaffController
{
    /// <summary>Enough for every device a person has; a limit so nobody can fill the table.</summary>
    internal const int MaxPasskeys = 10;

    internal const int MaxNameLength = 50;

    /// <summary>A credential as the browser serialises it is about 1 KB; far more is not one.</summary>
    private const int MaxCredentialLength = 16 * 1024;

    internal const string CeremonyExpired =
        "That passkey request has expired or was already used. Try again: press the button once more.";

    [HttpGet("passkeys")]
    [Authorize(Policy = StaffSignIn.Policy)]
    public async Task<IActionResult> Passkeys() => View("Passkeys", await PasskeysPageAsync());

    [HttpPost("passkeys/options")]
    [Authorize(Policy = StaffSignIn.Policy)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> CreationOptions()
    {
        var user = (await users.GetUserAsync(User))!;
        if ((await users.GetPasskeysAsync(user)).Count >= MaxPasskeys)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: TooManyPasskeys);
        }

        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id,
            Name = user.Email!,
            DisplayName = user.DisplayName,
        });
        return Content(options, "application/json");
    }

    [HttpPost("passkeys/add")]
    [Authorize(Policy = StaffSignIn.Policy)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Add(StaffPasskeyForm form)
    {
        var user = (await users.GetUserAsync(User))!;
        var name = PasskeyNameProblem(form.Name, out var cleaned);
        if (name is not null)
        {
            return await PasskeyRefusedAsync(name, form.Name);
        }

        if ((await users.GetPasskeysAsync(user)).Count >= MaxPasskeys)
        {
            return await PasskeyRefusedAsync(TooManyPasskeys, cleaned);
        }

        if (!IsPasskeyCredential(form.Credential))
        {
            return await PasskeyRefusedAsync(NoPasskeyCredential, cleaned);
        }

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(form.Credential!);
        }
        catch (InvalidOperationException)
        {
            // The ceremony's state (a cookie of 10 minutes) is gone: expired, used, or never asked for.
            return await PasskeyRefusedAsync(CeremonyExpired, cleaned);
        }

        if (!attestation.Succeeded || attestation.UserEntity?.Id != user.Id)
        {
            return await PasskeyRefusedAsync("The passkey could not be added: this device's answer was not accepted. Try again, or use another device.", cleaned);
        }

        attestation.Passkey.Name = cleaned;
        var added = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        if (!added.Succeeded)
        {
            return await PasskeyRefusedAsync("That passkey is already on an account.", cleaned);
        }

        await audit.RecordAsync(StaffEvent.PasskeyAdded, user.Email, null, ClientAddress, cleaned);
        return View("Passkeys", await PasskeysPageAsync(user, done: $"Added the passkey “{cleaned}”. Next time, sign in with it alone."));
    }

    [HttpPost("passkeys/rename")]
    [Authorize(Policy = StaffSignIn.Policy)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Rename(string? id, string? name)
    {
        var user = (await users.GetUserAsync(User))!;
        if (await FindPasskeyAsync(user, id) is not { } passkey)
        {
            return await PasskeyRefusedAsync(PasskeyNotYours, status: StatusCodes.Status404NotFound);
        }

        if (PasskeyNameProblem(name, out var cleaned) is { } problem)
        {
            return await PasskeyRefusedAsync(problem);
        }

        passkey.Name = cleaned;
        await users.AddOrUpdatePasskeyAsync(user, passkey);
        return View("Passkeys", await PasskeysPageAsync(user, done: $"Renamed the passkey to “{cleaned}”."));
    }

    [HttpPost("passkeys/remove")]
    [Authorize(Policy = StaffSignIn.Policy)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Remove(string? id)
    {
        var user = (await users.GetUserAsync(User))!;
        if (await FindPasskeyAsync(user, id) is not { } passkey)
        {
            return await PasskeyRefusedAsync(PasskeyNotYours, status: StatusCodes.Status404NotFound);
        }

        await users.RemovePasskeyAsync(user, passkey.CredentialId);
        // A passkey is removed because its device is lost or gone: a session it opened must end too (within the
        // stamp's minute), and the person's other sessions with it. This one is kept.
        await users.UpdateSecurityStampAsync(user);
        await KeepSessionAsync(user);
        await audit.RecordAsync(StaffEvent.PasskeyRemoved, user.Email, null, ClientAddress, passkey.Name);
        return View("Passkeys", await PasskeysPageAsync(user, done: $"Removed the passkey “{passkey.Name}”. It no longer opens your account."));
    }

    /// <summary>Options for any of the site's passkeys (discoverable): nothing here says whether an e-mail has an account.</summary>
    [HttpPost("sign-in/passkey/options")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(SignInRateLimitPolicy)]
    public async Task<IActionResult> RequestOptions() => Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    [HttpPost("sign-in/passkey")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(SignInRateLimitPolicy)]
    public async Task<IActionResult> SignInWithPasskey(StaffPasskeyForm form)
    {
        if (!IsPasskeyCredential(form.Credential))
        {
            return PasskeySignInRefused(NoPasskeyCredential, form.ReturnUrl);
        }

        PasskeyAssertionResult<StaffUser> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(form.Credential!);
        }
        catch (InvalidOperationException)
        {
            return PasskeySignInRefused(CeremonyExpired, form.ReturnUrl);
        }

        if (!assertion.Succeeded)
        {
            await audit.RecordAsync(StaffEvent.SignInFailed, null, null, ClientAddress, "passkey not recognised");
            return PasskeySignInRefused(PasskeyRefused, form.ReturnUrl);
        }

        var user = assertion.User;
        var refusal = !await signIn.CanSignInAsync(user) ? "passkey of a disabled account"
            : await users.IsLockedOutAsync(user) ? "passkey of a locked account"
            : !assertion.Passkey.IsUserVerified ? "passkey without the device's own check"
            : null;
        if (refusal is not null)
        {
            await audit.RecordAsync(StaffEvent.SignInFailed, user.Email, null, ClientAddress, refusal);
            return PasskeySignInRefused(PasskeyRefused, form.ReturnUrl);
        }

        // The new sign count and flags, as PasskeySignInAsync keeps them: a cloned authenticator shows up as a count that goes back.
        await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        await users.ResetAccessFailedCountAsync(user);
        await StaffSignIn.EndSecondStepAsync(HttpContext);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new("amr", "mfa")]);
        await audit.RecordAsync(StaffEvent.SignInSucceeded, user.Email, null, ClientAddress, "passkey");
        return StaffPage(form.ReturnUrl) is { } page ? LocalRedirect(page) : RedirectToAction(nameof(Home));
    }

    private const string TooManyPasskeys = "You have 10 passkeys, the most an account can have. Remove one you no longer use first.";

    private const string NoPasskeyCredential = "No passkey came back from this browser. Press the passkey button and follow your device's steps.";

    private const string PasskeyNotYours = "That passkey is not on your account (it may have been removed already).";

    private const string PasskeyRefused =
        "That passkey does not open an account here. Sign in with your e-mail address and password instead, or ask an admin.";

    private static bool IsPasskeyCredential(string? credential) =>
        !string.IsNullOrWhiteSpace(credential) && credential.Length <= MaxCredentialLength;

    private static string? PasskeyNameProblem(string? name, out string cleaned)
    {
        cleaned = PatientText.Clean(name ?? "");
        if (cleaned.Length == 0)
        {
            return "Give the passkey a name, such as the device it is on (“Ana's phone”).";
        }

        if (cleaned.Length > MaxNameLength)
        {
            return $"Keep the passkey's name to {MaxNameLength} characters.";
        }

        return PatientText.Check(cleaned) == TextProblem.None
            ? null
            : "The passkey's name contains a line break or an invisible character; type it again.";
    }

    private async Task<UserPasskeyInfo?> FindPasskeyAsync(StaffUser user, string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1400 || !Base64Url.IsValid(id))
        {
            return null;
        }

        return await users.GetPasskeyAsync(user, Base64Url.DecodeFromChars(id));
    }

    /// <summary>
    /// Signs this session in again under the account's new security stamp, with what it had (its "both factors"
    /// mark, its sign-in time and expiry), so the new stamp ends the person's other sessions, not this one.
    /// </summary>
    private async Task KeepSessionAsync(StaffUser user)
    {
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, current.Properties, [new("amr", "mfa")]);
    }

    private async Task<StaffPasskeysPage> PasskeysPageAsync(StaffUser? user = null, string? done = null, string? problem = null, string? name = null)
    {
        user ??= (await users.GetUserAsync(User))!;
        var passkeys = (await users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt)
            .Select(p => new StaffPasskey(Base64Url.EncodeToString(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt))
            .ToList();
        return new StaffPasskeysPage(passkeys, done, problem, name);
    }

    private async Task<ViewResult> PasskeyRefusedAsync(string problem, string? name = null, int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return View("Passkeys", await PasskeysPageAsync(problem: problem, name: name));
    }

    private ViewResult PasskeySignInRefused(string problem, string? returnUrl)
    {
        ModelState.AddModelError(nameof(StaffSignInForm.Email), problem);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(SignIn), new StaffSignInForm { ReturnUrl = StaffPage(returnUrl) });
    }
}

public sealed class StaffPasskeyForm
{
    public string? Name { get; set; }

    /// <summary>The browser's credential, JSON as <c>PublicKeyCredential.toJSON()</c> gives it.</summary>
    public string? Credential { get; set; }

    /// <summary>When signing in: the staff page that sent the person here.</summary>
    public string? ReturnUrl { get; set; }
}

public sealed record StaffPasskey(string Id, string Name, DateTimeOffset CreatedAt);

public sealed record StaffPasskeysPage(List<StaffPasskey> Passkeys, string? Done, string? Problem, string? Name);
