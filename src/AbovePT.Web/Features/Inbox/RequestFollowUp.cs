namespace AbovePT.Web.Features.Inbox;

/// <summary>Where the front desk's follow-up of a request stands.</summary>
public enum RequestStatus
{
    /// <summary>Arrived; nobody has taken it yet.</summary>
    New,

    /// <summary>Claimed by a named person, who calls the patient.</summary>
    InProgress,

    /// <summary>Booked: a visit at a date and time (Arizona time).</summary>
    Scheduled,

    /// <summary>The practice will not see the patient for this; a reason is required.</summary>
    Declined,

    /// <summary>Sent to another provider; a reason (to whom, why) is required.</summary>
    Referred,

    /// <summary>Tried and never reached.</summary>
    Unreachable,

    /// <summary>The same patient asked twice; the other request is followed up.</summary>
    Duplicate,

    Spam,
}

public enum CallOutcome
{
    NoAnswer,
    LeftVoicemail,
    Spoke,
}

/// <summary>
/// The front desk's follow-up of one request, beside its e-mails' <see cref="Appointments.Delivery.MailDelivery"/>:
/// New → In progress (claimed) → Scheduled | Declined | Referred | Unreachable | Duplicate | Spam, and a closed
/// request reopened. Its state changes only through the moves below, each allowed from the states it names;
/// each move returns why not, or null when done.
/// </summary>
/// <remarks>
/// A row of its own (<c>RequestFollowUps</c>), not columns of the request's, so its concurrency token
/// (<see cref="Version"/>) guards the follow-up alone: two people claiming at once cannot both win, while the mail
/// dispatcher's writes to the request's row never conflict with the front desk's.
/// </remarks>
public sealed class RequestFollowUp
{
    public const int MaxReasonLength = 500;

    private RequestFollowUp()
    {
    }

    public int RequestId { get; private set; }

    /// <summary>
    /// The request's clinic, copied here when the request is stored (<see cref="Data.ClinicDbContext"/>): the inbox
    /// counts a clinic's requests per status from this table's index alone, without a join.
    /// </summary>
    public string LocationId { get; private set; } = "";

    public RequestStatus Status { get; private set; }

    /// <summary>Who holds the request (claimed it, or reopened it): their e-mail, which names their account.</summary>
    public string? HolderEmail { get; private set; }

    /// <summary>Their name as colleagues see it: "claimed by Ana Ruiz".</summary>
    public string? HolderName { get; private set; }

    public DateTime? ClaimedAtUtc { get; private set; }

    /// <summary>The booked visit, when <see cref="RequestStatus.Scheduled"/>.</summary>
    public DateTime? AppointmentAtUtc { get; private set; }

    /// <summary>Why declined or referred (staff's words; never e-mailed, never logged, never in the audit trail).</summary>
    public string? Reason { get; private set; }

    /// <summary>When it was closed; retention counts from here. Null while New or In progress.</summary>
    public DateTime? ClosedAtUtc { get; private set; }

    public int CallCount { get; private set; }

    /// <summary>The first call attempt: "time to first call" on the overview.</summary>
    public DateTime? FirstCallAtUtc { get; private set; }

    public DateTime? LastCallAtUtc { get; private set; }

    /// <summary>Raised by every move; the database refuses a save from someone who saw an older one.</summary>
    public int Version { get; private set; }

    public List<RequestCall> Calls { get; private set; } = [];

    public List<RequestNote> Notes { get; private set; } = [];

    public bool IsClosed => Status is not (RequestStatus.New or RequestStatus.InProgress);

    public static RequestFollowUp New() => new() { Status = RequestStatus.New };

    /// <summary>"Claimed by Ana Ruiz at 9:42 AM." while someone holds it in progress; otherwise null.</summary>
    public string? ClaimedBy => Status == RequestStatus.InProgress && HolderName is not null && ClaimedAtUtc is { } at
        ? $"Claimed by {HolderName} at {InboxFormat.Clock(at)}."
        : null;

    /// <summary>New → In progress, held by <paramref name="by"/>.</summary>
    public string? Claim(StaffName by, DateTime nowUtc)
    {
        if (Status != RequestStatus.New)
        {
            // Only a request in progress is someone's now; a closed one still names who last held it.
            return ClaimedBy ?? $"This request is {Describe(Status)} already.";
        }

        Hold(by, nowUtc);
        Status = RequestStatus.InProgress;
        return Moved();
    }

    /// <summary>In progress → Scheduled, at a time in Arizona; not in the past.</summary>
    public string? Schedule(DateTime appointmentAtUtc, DateTime nowUtc)
    {
        if (Status != RequestStatus.InProgress)
        {
            return NotInProgress();
        }

        if (appointmentAtUtc < nowUtc.AddMinutes(-5))
        {
            return "That date and time has passed. Enter the visit's date and time (Arizona time).";
        }

        AppointmentAtUtc = appointmentAtUtc;
        return Close(RequestStatus.Scheduled, nowUtc);
    }

    /// <summary>In progress → Declined, Referred, Unreachable, Duplicate or Spam; Declined and Referred need a reason.</summary>
    public string? Close(RequestStatus status, string? reason, DateTime nowUtc)
    {
        if (status is RequestStatus.New or RequestStatus.InProgress or RequestStatus.Scheduled)
        {
            return "Choose how the request ended: declined, referred elsewhere, unreachable, duplicate or spam.";
        }

        if (Status != RequestStatus.InProgress)
        {
            return NotInProgress();
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (status is RequestStatus.Declined or RequestStatus.Referred && reason is null)
        {
            return status == RequestStatus.Declined ? "Say why the request is declined." : "Say to whom, or why, the patient is referred.";
        }

        if (reason is { Length: > MaxReasonLength })
        {
            return $"Keep the reason to {MaxReasonLength} characters; a note can say more.";
        }

        Reason = reason;
        return Close(status, nowUtc);
    }

    /// <summary>Closed → In progress again, held by whoever reopens it.</summary>
    public string? Reopen(StaffName by, DateTime nowUtc)
    {
        if (!IsClosed)
        {
            return $"This request is {Describe(Status)}: it is open already.";
        }

        Hold(by, nowUtc);
        Status = RequestStatus.InProgress;
        AppointmentAtUtc = null;
        Reason = null;
        ClosedAtUtc = null;
        return Moved();
    }

    /// <summary>A call attempt, counted on the row; only while In progress (claim it first).</summary>
    public string? LogCall(CallOutcome outcome, StaffName by, DateTime nowUtc)
    {
        if (Status != RequestStatus.InProgress)
        {
            return NotInProgress();
        }

        Calls.Add(new RequestCall(outcome, by, nowUtc));
        CallCount++;
        FirstCallAtUtc ??= nowUtc;
        LastCallAtUtc = nowUtc;
        return Moved();
    }

    /// <summary>An internal note, in any state: never e-mailed, never logged.</summary>
    public string? AddNote(string text, StaffName by, DateTime nowUtc)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return "Write the note first.";
        }

        if (text.Length > RequestNote.MaxLength)
        {
            return $"Keep a note to {RequestNote.MaxLength} characters, or write two.";
        }

        Notes.Add(new RequestNote(text, by, nowUtc));
        return Moved();
    }

    public static string Describe(RequestStatus status) => status switch
    {
        RequestStatus.New => "new",
        RequestStatus.InProgress => "in progress",
        RequestStatus.Scheduled => "scheduled",
        RequestStatus.Declined => "declined",
        RequestStatus.Referred => "referred elsewhere",
        RequestStatus.Unreachable => "unreachable",
        RequestStatus.Duplicate => "a duplicate",
        _ => "spam",
    };

    private string? Close(RequestStatus status, DateTime nowUtc)
    {
        Status = status;
        ClosedAtUtc = nowUtc;
        return Moved();
    }

    private void Hold(StaffName by, DateTime nowUtc)
    {
        HolderEmail = by.Email;
        HolderName = by.Name;
        ClaimedAtUtc = nowUtc;
    }

    private string? Moved()
    {
        Version++;
        return null;
    }

    private string NotInProgress() => Status == RequestStatus.New
        ? "Claim this request first: then it is yours to call and to close."
        : $"This request is {Describe(Status)}. Reopen it first.";
}

/// <summary>A staff member as the follow-up records them: the account's e-mail and the name colleagues see.</summary>
public sealed record StaffName(string Email, string Name);

/// <summary>One call attempt: when, by whom, how it went.</summary>
public sealed class RequestCall
{
    private RequestCall()
    {
    }

    internal RequestCall(CallOutcome outcome, StaffName by, DateTime atUtc)
    {
        Outcome = outcome;
        ByEmail = by.Email;
        ByName = by.Name;
        AtUtc = atUtc;
    }

    public long Id { get; private set; }

    public int RequestId { get; private set; }

    public CallOutcome Outcome { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string ByEmail { get; private set; } = "";

    public string ByName { get; private set; } = "";
}

/// <summary>An internal note on a request, with its author and time.</summary>
public sealed class RequestNote
{
    public const int MaxLength = 2000;

    private RequestNote()
    {
    }

    internal RequestNote(string text, StaffName by, DateTime atUtc)
    {
        Text = text;
        ByEmail = by.Email;
        ByName = by.Name;
        AtUtc = atUtc;
    }

    public long Id { get; private set; }

    public int RequestId { get; private set; }

    public string Text { get; private set; } = "";

    public DateTime AtUtc { get; private set; }

    public string ByEmail { get; private set; } = "";

    public string ByName { get; private set; } = "";
}
