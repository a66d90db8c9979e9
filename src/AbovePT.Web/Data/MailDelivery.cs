namespace AbovePT.Web.Data;

public enum DeliveryStatus
{
    /// <summary>Nothing to send (the patient gave no e-mail address).</summary>
    None,
    Pending,
    Sent,
    /// <summary>The mail server refused the message for good (a 5xx reply); retrying cannot help.</summary>
    Failed,
}

/// <summary>
/// Where one e-mail stands. Saved in the same row, and so the same transaction, as the request:
/// a request can never exist without a record of whether its e-mail went out.
/// </summary>
public sealed class MailDelivery
{
    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the dispatcher should next try; only meaningful while <see cref="DeliveryStatus.Pending"/>.</summary>
    public DateTime? NextAttemptAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    /// <summary>The last failure, as the mail server or network reported it.</summary>
    public string? LastError { get; set; }

    public static MailDelivery PendingFrom(DateTime nowUtc) => new() { Status = DeliveryStatus.Pending, NextAttemptAtUtc = nowUtc };

    public bool IsDue(DateTime nowUtc) => Status == DeliveryStatus.Pending && NextAttemptAtUtc <= nowUtc;

    public void MarkSent(DateTime nowUtc)
    {
        Attempts++;
        Status = DeliveryStatus.Sent;
        SentAtUtc = nowUtc;
        NextAttemptAtUtc = null;
    }

    public void ScheduleRetry(DateTime nextAttemptUtc, string error)
    {
        Attempts++;
        NextAttemptAtUtc = nextAttemptUtc;
        LastError = Truncate(error);
    }

    public void MarkFailed(string error)
    {
        Attempts++;
        Status = DeliveryStatus.Failed;
        NextAttemptAtUtc = null;
        LastError = Truncate(error);
    }

    private static string Truncate(string error) => error.Length <= 500 ? error : error[..500];
}
