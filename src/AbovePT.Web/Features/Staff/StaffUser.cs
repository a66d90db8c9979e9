using Microsoft.AspNetCore.Identity;

namespace AbovePT.Web.Features.Staff;

/// <summary>
/// A person at the practice with their own sign-in: created only by invitation (<see cref="StaffInvitation"/>),
/// never by registering. Their role is an Identity role (<see cref="StaffRoles"/>); the clinics they serve are
/// <see cref="Locations"/>.
/// </summary>
public sealed class StaffUser : IdentityUser
{
    public const int MaxNameLength = 100;

    /// <summary>How the site greets them and how colleagues see who holds a request ("Ana Ruiz").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary><see cref="StaffLocations.All"/>, or the ids of the clinics they serve, comma-separated.</summary>
    public string Locations { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Set while the account is disabled (someone who left): no sign-in, open sessions end.</summary>
    public DateTime? DisabledAtUtc { get; set; }

    public bool IsDisabled => DisabledAtUtc is not null;

    /// <summary>Whether they have accepted their invitation (chosen a password).</summary>
    public bool HasAccepted => PasswordHash is not null;
}

/// <summary>The two roles: an admin also manages the team and reads the audit trail.</summary>
public static class StaffRoles
{
    public const string Admin = "admin";

    public const string FrontDesk = "front-desk";

    public static IReadOnlyList<string> All { get; } = [Admin, FrontDesk];
}

/// <summary>Which clinics an account serves.</summary>
public static class StaffLocations
{
    /// <summary>Every clinic, including any added later.</summary>
    public const string All = "all";

    public static bool Serves(StaffUser user, string locationId) =>
        user.Locations == All || user.Locations.Split(',').Contains(locationId, StringComparer.Ordinal);
}
