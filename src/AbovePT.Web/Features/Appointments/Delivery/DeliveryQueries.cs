using AbovePT.Web.Data;
using AbovePT.Web.Features.Inbox;

namespace AbovePT.Web.Features.Appointments.Delivery;

/// <summary>
/// The named questions about the e-mails' state that the dispatcher, <c>/healthz</c>, the <c>requests</c>
/// command and the retention job ask. Each is written once, here, and translated by EF Core into SQL.
/// </summary>
/// <remarks>
/// One rule appears in two of them: the patient's confirmation goes out only once the front desk's e-mail has
/// been sent, because it promises a call that only an e-mail the front desk received can bring.
/// </remarks>
public static class DeliveryQueries
{
    /// <summary>Front-desk e-mails whose next attempt is due (<see cref="MailDelivery.IsDue"/>).</summary>
    /// <remarks>The claim statements in <see cref="ClinicStore.ClaimNextAsync"/> say the same in SQL; a test holds them to it.</remarks>
    public static IQueryable<AppointmentRequest> FrontDeskDue(this IQueryable<AppointmentRequest> requests, DateTime nowUtc) =>
        requests.Where(r => (r.FrontDeskMail.Status == DeliveryStatus.Pending && r.FrontDeskMail.NextAttemptAtUtc <= nowUtc)
                            || (r.FrontDeskMail.Status == DeliveryStatus.Sending && r.FrontDeskMail.LeaseExpiresAtUtc < nowUtc));

    /// <summary>Patient confirmations whose next attempt is due and whose front desk already has the request.</summary>
    public static IQueryable<AppointmentRequest> ConfirmationDue(this IQueryable<AppointmentRequest> requests, DateTime nowUtc) =>
        requests.Where(r => ((r.PatientMail.Status == DeliveryStatus.Pending && r.PatientMail.NextAttemptAtUtc <= nowUtc)
                             || (r.PatientMail.Status == DeliveryStatus.Sending && r.PatientMail.LeaseExpiresAtUtc < nowUtc))
                            && r.FrontDeskMail.Status == DeliveryStatus.Sent);

    /// <summary>The earliest next attempt of any e-mail that may be sent once it is due, lapsing leases included.</summary>
    public static IQueryable<DateTime?> NextAttempts(this IQueryable<AppointmentRequest> requests) =>
        requests.Where(r => r.FrontDeskMail.Status == DeliveryStatus.Pending).Select(r => r.FrontDeskMail.NextAttemptAtUtc)
            .Concat(requests.Where(r => r.FrontDeskMail.Status == DeliveryStatus.Sending).Select(r => r.FrontDeskMail.LeaseExpiresAtUtc))
            .Concat(requests.Where(r => r.PatientMail.Status == DeliveryStatus.Pending && r.FrontDeskMail.Status == DeliveryStatus.Sent)
                .Select(r => r.PatientMail.NextAttemptAtUtc))
            .Concat(requests.Where(r => r.PatientMail.Status == DeliveryStatus.Sending).Select(r => r.PatientMail.LeaseExpiresAtUtc));

    /// <summary>Requests with an e-mail not yet sent nor refused: waiting, or left mid-attempt by an earlier run.</summary>
    public static IQueryable<AppointmentRequest> MailPending(this IQueryable<AppointmentRequest> requests) =>
        requests.Where(r => r.FrontDeskMail.Status == DeliveryStatus.Pending || r.FrontDeskMail.Status == DeliveryStatus.Sending
                            || r.PatientMail.Status == DeliveryStatus.Pending || r.PatientMail.Status == DeliveryStatus.Sending);

    /// <summary>Requests with an e-mail the mail server refused for good.</summary>
    public static IQueryable<AppointmentRequest> MailFailed(this IQueryable<AppointmentRequest> requests) =>
        requests.Where(r => r.FrontDeskMail.Status == DeliveryStatus.Failed || r.PatientMail.Status == DeliveryStatus.Failed);

    /// <summary>Requests the front desk has not been e-mailed about yet, and may still be.</summary>
    public static IQueryable<AppointmentRequest> FrontDeskWaiting(this IQueryable<AppointmentRequest> requests) =>
        requests.Where(r => r.FrontDeskMail.Status == DeliveryStatus.Pending || r.FrontDeskMail.Status == DeliveryStatus.Sending);

    /// <summary>Of those, the ones received before <paramref name="receivedBeforeUtc"/>: someone should look.</summary>
    public static IQueryable<AppointmentRequest> FrontDeskOverdue(this IQueryable<AppointmentRequest> requests, DateTime receivedBeforeUtc) =>
        requests.FrontDeskWaiting().Where(r => r.ReceivedAtUtc < receivedBeforeUtc);

    /// <summary>Requests whose front-desk e-mail was refused for good: nobody at the clinic knows of them.</summary>
    public static IQueryable<AppointmentRequest> FrontDeskFailed(this IQueryable<AppointmentRequest> requests) =>
        requests.Where(r => r.FrontDeskMail.Status == DeliveryStatus.Failed);

    /// <summary>
    /// Requests the front desk closed before <paramref name="closedBeforeUtc"/> and whose e-mails are settled (none
    /// waiting nor mid-attempt): the retention job may delete them. A request still New or In progress never is.
    /// </summary>
    public static IQueryable<AppointmentRequest> Deletable(this IQueryable<AppointmentRequest> requests, DateTime closedBeforeUtc) =>
        requests.Where(r => r.FollowUp.ClosedAtUtc < closedBeforeUtc
                            && r.FollowUp.Status != RequestStatus.New
                            && r.FollowUp.Status != RequestStatus.InProgress
                            && r.FrontDeskMail.Status != DeliveryStatus.Pending
                            && r.FrontDeskMail.Status != DeliveryStatus.Sending
                            && r.PatientMail.Status != DeliveryStatus.Pending
                            && r.PatientMail.Status != DeliveryStatus.Sending);
}
