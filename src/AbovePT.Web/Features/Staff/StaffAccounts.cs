using System.Net.Mail;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Staff;

/// <summary>
/// What an administrator does to accounts, from the command line or (later) the team page: invite, disable,
/// enable, reset the second factor. Each action is written to the audit trail with who did it.
/// </summary>
public sealed class StaffAccounts(
    UserManager<StaffUser> users,
    RoleManager<IdentityRole> roles,
    ClinicDbContext db,
    StaffAudit audit,
    IOptions<ClinicOptions> clinic,
    IOptions<SiteOptions> site,
    TimeProvider time)
{
    public const string InvitationPath = "/staff/invitation";

    /// <summary>An invitation that was issued: the link (its only copy) and until when it works.</summary>
    public sealed record Issued(StaffUser User, Uri Link, DateTime ExpiresAtUtc);

    /// <summary>
    /// Invites a new person, or invites again someone who has not accepted yet (the older link stops working).
    /// Returns the invitation, or the reason it was refused, in words for the administrator.
    /// </summary>
    public async Task<(Issued? Issued, string? Problem)> InviteAsync(string email, string name, string role, string location, string by, string? ipAddress, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        name = name.Trim();
        if (!IsEmail(email))
        {
            return (null, $"'{email}' is not an e-mail address.");
        }

        if (name.Length == 0 || name.Length > StaffUser.MaxNameLength || name.Any(char.IsControl))
        {
            return (null, $"The name must be 1 to {StaffUser.MaxNameLength} characters on one line.");
        }

        if (!StaffRoles.All.Contains(role, StringComparer.Ordinal))
        {
            return (null, $"The role must be one of: {string.Join(", ", StaffRoles.All)}.");
        }

        var locationIds = clinic.Value.Locations.Keys.Order(StringComparer.Ordinal).ToList();
        if (location != StaffLocations.All && !locationIds.Contains(location, StringComparer.Ordinal))
        {
            return (null, $"The location must be one of: {string.Join(", ", locationIds.Append(StaffLocations.All))}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var user = await users.FindByEmailAsync(email);
        if (user is { HasAccepted: true })
        {
            return (null, $"{email} already has an account. To let them in again: staff enable, or staff reset-2fa.");
        }

        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, DisplayName = name, Locations = location, CreatedAtUtc = now };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return (null, string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        else
        {
            user.DisplayName = name;
            user.Locations = location;
            await users.UpdateAsync(user);
            await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        }

        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        await users.AddToRoleAsync(user, role);

        // One open invitation per person: a new link replaces any earlier one.
        foreach (var earlier in await db.StaffInvitations.Where(i => i.UserId == user.Id && i.UsedAtUtc == null).ToListAsync(cancellationToken))
        {
            earlier.Spend(now);
        }

        var (invitation, token) = StaffInvitation.Issue(user.Id, now);
        db.StaffInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(StaffEvent.InvitationIssued, email, by, ipAddress, $"role {role}, locations {location}", cancellationToken);
        return (new Issued(user, site.Value.Absolute($"{InvitationPath}?token={token}"), invitation.ExpiresAtUtc), null);
    }

    /// <summary>Every account, by e-mail, with what the command line and the team page show of it.</summary>
    public async Task<List<StaffMember>> MembersAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var invitations = await db.StaffInvitations.AsNoTracking()
            .Where(i => i.UsedAtUtc == null && i.ExpiresAtUtc > now)
            .GroupBy(i => i.UserId)
            .ToDictionaryAsync(g => g.Key, g => g.Max(i => i.ExpiresAtUtc), cancellationToken);
        var members = new List<StaffMember>();
        foreach (var user in await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken))
        {
            var invitedUntil = invitations.TryGetValue(user.Id, out var until) ? until : (DateTime?)null;
            var state = user.IsDisabled ? StaffAccountState.Disabled
                : user.HasAccepted ? StaffAccountState.Active
                : invitedUntil is null ? StaffAccountState.InvitationExpired
                : StaffAccountState.Invited;
            members.Add(new StaffMember(user, await users.GetRolesAsync(user), state, invitedUntil, await SecondFactorAsync(user)));
        }

        return members;
    }

    /// <summary>Whether the account has its second factor: an authenticator app or a passkey.</summary>
    private async Task<string> SecondFactorAsync(StaffUser user)
    {
        var passkeys = (await users.GetPasskeysAsync(user)).Count;
        return (user.TwoFactorEnabled, passkeys) switch
        {
            (true, > 0) => $"authenticator, {passkeys} passkey(s)",
            (true, _) => "authenticator",
            (false, > 0) => $"{passkeys} passkey(s)",
            _ => "none yet",
        };
    }

    /// <summary>Someone who left: no sign-in from now on, and their open sessions end within a minute (security stamp).</summary>
    public Task<string?> DisableAsync(string email, string by, string? ipAddress, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, by, ipAddress, StaffEvent.AccountDisabled, async user =>
        {
            if (user.IsDisabled)
            {
                return $"{user.Email} is disabled already.";
            }

            user.DisabledAtUtc = time.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            return null;
        }, cancellationToken);

    public Task<string?> EnableAsync(string email, string by, string? ipAddress, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, by, ipAddress, StaffEvent.AccountEnabled, async user =>
        {
            if (!user.IsDisabled)
            {
                return $"{user.Email} is not disabled.";
            }

            user.DisabledAtUtc = null;
            await users.UpdateAsync(user);
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }, cancellationToken);

    /// <summary>
    /// A lost phone: the authenticator, the recovery codes and every passkey are removed, open sessions end; at
    /// their next sign-in with their password the person sets up a new second factor before anything else.
    /// </summary>
    public Task<string?> ResetSecondFactorAsync(string email, string by, string? ipAddress, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, by, ipAddress, StaffEvent.TwoFactorReset, async user =>
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            foreach (var passkey in await users.GetPasskeysAsync(user))
            {
                await users.RemovePasskeyAsync(user, passkey.CredentialId);
            }

            await users.UpdateSecurityStampAsync(user);
            return null;
        }, cancellationToken);

    /// <summary>Runs <paramref name="change"/> on the account; null when done, otherwise why not.</summary>
    private async Task<string?> ChangeAsync(string email, string by, string? ipAddress, StaffEvent what, Func<StaffUser, Task<string?>> change, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return $"No staff account for {email.Trim()}. `staff list` shows them all.";
        }

        if (await change(user) is { } problem)
        {
            return problem;
        }

        await audit.RecordAsync(what, user.Email, by, ipAddress, cancellationToken: cancellationToken);
        return null;
    }

    private static bool IsEmail(string email) =>
        email.Length <= 256 && MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.');
}

public enum StaffAccountState
{
    Invited,
    InvitationExpired,
    Active,
    Disabled,
}

/// <summary>An account as an administrator sees it; <see cref="InvitedUntilUtc"/> while an invitation is open.</summary>
public sealed record StaffMember(StaffUser User, IList<string> Roles, StaffAccountState State, DateTime? InvitedUntilUtc, string SecondFactor);
