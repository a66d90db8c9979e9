namespace AbovePT.Web.Features.Staff;

/// <summary>What happened on the staff side, for the audit trail.</summary>
public enum StaffEvent
{
    SignInSucceeded,
    SignInFailed,
    LockedOut,
    SignedOut,
    InvitationIssued,
    InvitationAccepted,
    TwoFactorReset,
    PasskeyAdded,
    PasskeyRemoved,
    AccountDisabled,
    AccountEnabled,

    // A request's timeline: who looked at it and who changed what (the reference and the action, nothing more).
    RequestViewed,
    RequestClaimed,
    RequestStatusChanged,
    RequestReopened,
    CallLogged,
    NoteAdded,
    MailResent,
    RequestsExported,
}

/// <summary>
/// One row of the audit trail: when, whom it concerns, who did it, what, and from which address. Append-only:
/// the database refuses to change or delete a row (triggers, see the <c>StaffAccounts</c> migration) and so does
/// <see cref="Data.ClinicDbContext"/>. Never a password, code, token or patient data.
/// </summary>
public sealed class StaffAuditEntry
{
    public const int MaxDetailLength = 200;

    private StaffAuditEntry()
    {
    }

    public long Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    public StaffEvent Event { get; private set; }

    /// <summary>The account it concerns, by e-mail (kept when the account changes), or null when none matched.</summary>
    public string? StaffEmail { get; private set; }

    /// <summary>Who did it, when not the person themself: an admin's e-mail, or "command line".</summary>
    public string? By { get; private set; }

    /// <summary>The client's address for what came over the web; null for the command line.</summary>
    public string? IpAddress { get; private set; }

    /// <summary>A short, non-secret note ("role front-desk, locations queen-creek").</summary>
    public string? Detail { get; private set; }

    /// <summary>The appointment request it concerns, by reference only, so the row outlives the request.</summary>
    public string? Reference { get; private set; }

    public static StaffAuditEntry Of(StaffEvent what, DateTime atUtc, string? staffEmail, string? by, string? ipAddress, string? detail = null, string? reference = null) => new()
    {
        Reference = reference,
        AtUtc = atUtc,
        Event = what,
        StaffEmail = staffEmail,
        By = by,
        IpAddress = ipAddress,
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail,
    };
}
