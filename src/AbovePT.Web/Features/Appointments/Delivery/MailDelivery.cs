namespace AbovePT.Web.Features.Appointments.Delivery;

public enum DeliveryStatus
{
    /// <summary>Nothing to send (the patient gave no e-mail address).</summary>
    None,

    /// <summary>Waiting for its next attempt (<see cref="MailDelivery.NextAttemptAtUtc"/>).</summary>
    Pending,

    /// <summary>
    /// An attempt was recorded and the message may be with the mail server: it is never sent again while the
    /// site runs. Only a crash leaves a row here, and the next start sends it again with the same Message-Id.
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
/// to the mail server, and nothing is sent if that save fails; the outcome is saved after. A row the site left
/// in <see cref="DeliveryStatus.Sending"/> is therefore one whose outcome is unknown, never one to send again
/// on the dispatcher's next pass.
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

    public static MailDelivery PendingFrom(DateTime nowUtc) => new() { Status = DeliveryStatus.Pending, NextAttemptAtUtc = nowUtc };

    public static MailDelivery NotNeeded() => new() { Status = DeliveryStatus.None };

    public bool IsDue(DateTime nowUtc) => Status == DeliveryStatus.Pending && NextAttemptAtUtc <= nowUtc;

    /// <summary>Pending → Sending. Save this before sending; if the save fails, do not send.</summary>
    public void BeginAttempt(DateTime nowUtc)
    {
        Require(DeliveryStatus.Pending);
        Status = DeliveryStatus.Sending;
        Attempts++;
        LastAttemptAtUtc = nowUtc;
        NextAttemptAtUtc = null;
    }

    /// <summary>Sending → Sent.</summary>
    public void MarkSent(DateTime nowUtc)
    {
        Require(DeliveryStatus.Sending);
        Status = DeliveryStatus.Sent;
        SentAtUtc = nowUtc;
        LastError = null;
    }

    /// <summary>Sending → Pending again at <paramref name="nextAttemptUtc"/> (a transient failure).</summary>
    public void ScheduleRetry(DateTime nextAttemptUtc, string error)
    {
        Require(DeliveryStatus.Sending);
        Status = DeliveryStatus.Pending;
        NextAttemptAtUtc = nextAttemptUtc;
        LastError = Truncate(error);
    }

    /// <summary>Sending → Failed (refused for good).</summary>
    public void MarkFailed(string error)
    {
        Require(DeliveryStatus.Sending);
        Status = DeliveryStatus.Failed;
        LastError = Truncate(error);
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
    /// At start-up, before any send: an attempt an earlier run began and never recorded (it crashed, or could
    /// not write the outcome) goes again, with the same Message-Id; a pending one is due at once, since a
    /// restart is often the fix. Returns true when the earlier attempt's outcome was unknown.
    /// </summary>
    public bool ResumeAfterRestart(DateTime nowUtc)
    {
        var interrupted = Status == DeliveryStatus.Sending;
        if (Status is DeliveryStatus.Sending or DeliveryStatus.Pending)
        {
            Status = DeliveryStatus.Pending;
            NextAttemptAtUtc = nowUtc;
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
