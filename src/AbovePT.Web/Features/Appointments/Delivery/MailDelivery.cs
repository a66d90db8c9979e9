namespace AbovePT.Web.Features.Appointments.Delivery;

/// <summary>The two e-mails of a request: the front desk's first, then the patient's confirmation.</summary>
public enum MailKind
{
    FrontDesk,
    Confirmation,
}

public enum DeliveryStatus
{
    /// <summary>Nothing to send (the patient gave no e-mail address).</summary>
    None,

    /// <summary>Waiting for its next attempt (<see cref="MailDelivery.NextAttemptAtUtc"/>).</summary>
    Pending,

    /// <summary>
    /// An attempt was recorded and the message may be with the mail server, held by one instance's lease
    /// (<see cref="MailDelivery.LeaseOwner"/>): nobody else sends it while the lease lasts. Only a crash leaves a row
    /// here; it goes again, with the same Message-Id, once the lease has run out (on SQLite, whose one instance
    /// knows it held every lease, at the next start).
    /// </summary>
    Sending,

    Sent,

    /// <summary>The mail server refused the message for good (a 5xx reply); only an administrator re-queues it.</summary>
    Failed,
}

/// <summary>
/// Where one e-mail stands, saved in the request's own row. Its state changes only through the methods
/// below, each allowed from the states it names; <see cref="DeliveryQueries"/> asks the named questions.
/// </summary>
/// <remarks>
/// The order that makes a repeat impossible: <see cref="BeginAttempt"/> is saved before the message is handed
/// to the mail server, and nothing is sent if that save fails; the outcome is saved after, and only by the lease's
/// owner (the lease is the row's concurrency token). A row left in <see cref="DeliveryStatus.Sending"/> is
/// therefore one whose outcome is unknown, sent again only once its lease has run out. On a database several
/// instances share, <see cref="Data.ClinicStore.ClaimNextAsync"/> takes the attempt in one statement, the same
/// transition as <see cref="BeginAttempt"/> written in SQL.
/// </remarks>
public sealed class MailDelivery
{
    private const int MaxErrorLength = 500;

    // For EF Core, which sets the properties through their private setters.
    private MailDelivery()
    {
    }

    public DeliveryStatus Status { get; private set; }

    /// <summary>Attempts begun, successful or not.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the dispatcher should next try; set only while <see cref="DeliveryStatus.Pending"/>.</summary>
    public DateTime? NextAttemptAtUtc { get; private set; }

    public DateTime? LastAttemptAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    /// <summary>The last failure, as the mail server or network reported it (can quote an address: never logged).</summary>
    public string? LastError { get; private set; }

    /// <summary>The instance holding the current attempt (<see cref="DeliveryStatus.Sending"/>), until <see cref="LeaseExpiresAtUtc"/>.</summary>
    public string? LeaseOwner { get; private set; }

    public DateTime? LeaseExpiresAtUtc { get; private set; }

    public static MailDelivery PendingFrom(DateTime nowUtc) => new() { Status = DeliveryStatus.Pending, NextAttemptAtUtc = nowUtc };

    public static MailDelivery NotNeeded() => new() { Status = DeliveryStatus.None };

    /// <summary>Waiting and due, or left mid-attempt by an instance whose lease has run out.</summary>
    public bool IsDue(DateTime nowUtc) =>
        (Status == DeliveryStatus.Pending && NextAttemptAtUtc <= nowUtc)
        || (Status == DeliveryStatus.Sending && LeaseExpiresAtUtc < nowUtc);

    /// <summary>
    /// Pending (or Sending with a lapsed lease) → Sending, held by <paramref name="owner"/> until
    /// <paramref name="leaseUntilUtc"/>. Save this before sending; if the save fails, do not send.
    /// </summary>
    public void BeginAttempt(DateTime nowUtc, string owner, DateTime leaseUntilUtc)
    {
        if (!IsDue(nowUtc))
        {
            throw new InvalidOperationException($"An e-mail in state {Status} is not due for an attempt.");
        }

        Status = DeliveryStatus.Sending;
        Attempts++;
        LastAttemptAtUtc = nowUtc;
        NextAttemptAtUtc = null;
        LeaseOwner = owner;
        LeaseExpiresAtUtc = leaseUntilUtc;
    }

    /// <summary>Sending → Sent.</summary>
    public void MarkSent(DateTime nowUtc)
    {
        EndAttempt();
        Status = DeliveryStatus.Sent;
        SentAtUtc = nowUtc;
        LastError = null;
    }

    /// <summary>Sending → Pending again at <paramref name="nextAttemptUtc"/> (a transient failure).</summary>
    public void ScheduleRetry(DateTime nextAttemptUtc, string error)
    {
        EndAttempt();
        Status = DeliveryStatus.Pending;
        NextAttemptAtUtc = nextAttemptUtc;
        LastError = Truncate(error);
    }

    /// <summary>Sending → Failed (refused for good).</summary>
    public void MarkFailed(string error)
    {
        EndAttempt();
        Status = DeliveryStatus.Failed;
        LastError = Truncate(error);
    }

    /// <summary>Whether <paramref name="owner"/> holds the current attempt, and may record its outcome.</summary>
    public bool IsHeldBy(string owner) => Status == DeliveryStatus.Sending && LeaseOwner == owner;

    private void EndAttempt()
    {
        Require(DeliveryStatus.Sending);
        LeaseOwner = null;
        LeaseExpiresAtUtc = null;
    }

    /// <summary>
    /// Failed → Pending, due now: an administrator fixed the cause (<c>requests resend-failed</c>). The attempt
    /// count is kept as history. Returns false when there was nothing to re-queue.
    /// </summary>
    public bool Requeue(DateTime nowUtc)
    {
        if (Status != DeliveryStatus.Failed)
        {
            return false;
        }

        Status = DeliveryStatus.Pending;
        NextAttemptAtUtc = nowUtc;
        return true;
    }

    /// <summary>
    /// At start-up, before any send: a pending e-mail is due at once, since a restart is often the fix. When this
    /// instance is the database's only one (<paramref name="onlyInstance"/>, SQLite), an attempt an earlier run began
    /// and never recorded (it crashed, or could not write the outcome) was its own, and goes again now with the same
    /// Message-Id; otherwise it waits for its lease to run out, as another instance may be sending it. Returns true
    /// when an earlier attempt's outcome was unknown and it goes again now.
    /// </summary>
    public bool ResumeAfterRestart(DateTime nowUtc, bool onlyInstance)
    {
        var interrupted = Status == DeliveryStatus.Sending && onlyInstance;
        if (Status == DeliveryStatus.Pending || interrupted)
        {
            Status = DeliveryStatus.Pending;
            NextAttemptAtUtc = nowUtc;
            LeaseOwner = null;
            LeaseExpiresAtUtc = null;
        }

        return interrupted;
    }

    private void Require(DeliveryStatus expected)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"An e-mail in state {Status} cannot move as if it were {expected}.");
        }
    }

    private static string Truncate(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
