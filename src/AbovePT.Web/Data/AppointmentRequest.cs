using AbovePT.Web.Features.Appointments;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Inbox;

namespace AbovePT.Web.Data;

/// <summary>
/// One stored appointment request, the delivery state of its two e-mails and the front desk's follow-up. Written
/// once from a validated form; afterwards only the e-mails' state changes, through <see cref="MailDelivery"/>'s
/// methods, and the follow-up's, through <see cref="RequestFollowUp"/>'s.
/// </summary>
public sealed class AppointmentRequest
{
    public int Id { get; set; }

    /// <summary>What the patient and the front desk quote on the phone, e.g. <c>QC-7K3Q9</c>. Unique.</summary>
    public required string Reference { get; set; }

    /// <summary>The one-time id the form was rendered with: a refresh or double submit finds this row again.</summary>
    public Guid SubmissionId { get; set; }

    public required string LocationId { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public required string FirstName { get; set; }

    public required string LastName { get; set; }

    /// <summary>E.164, e.g. <c>+14805550134</c>, or <c>+525512345678</c> for a number outside the US.</summary>
    public required string Phone { get; set; }

    /// <summary>The extension to dial once connected, digits only; null when none was given.</summary>
    public string? PhoneExtension { get; set; }

    public string? Email { get; set; }

    public required string ContactMethod { get; set; }

    public required string PatientType { get; set; }

    public required string Reason { get; set; }

    public string? Message { get; set; }

    /// <summary>Comma-separated day codes (<c>mon,wed</c>); empty means any day.</summary>
    public string PreferredDays { get; set; } = "";

    /// <summary>Comma-separated time codes (<c>morning,evening</c>); empty means any time.</summary>
    public string PreferredTimes { get; set; } = "";

    public DateOnly? EarliestDate { get; set; }

    public required string Referral { get; set; }

    public string? Insurance { get; set; }

    public required string ConsentVersion { get; set; }

    public DateTime ConsentedAtUtc { get; set; }

    /// <summary>The article slug the patient came from, if any.</summary>
    public string? SourceArticle { get; set; }

    /// <summary>
    /// The language the patient made the request in: <c>en</c> or <c>es</c>. The patient's confirmation is written
    /// in it, and the front desk's e-mail (always English) names it, so the call back is made in that language.
    /// </summary>
    public string Language { get; set; } = RequestLanguage.English;

    /// <summary>The e-mail to the location's front desk: the one that must arrive.</summary>
    public required MailDelivery FrontDeskMail { get; set; }

    /// <summary>The confirmation to the patient; <see cref="DeliveryStatus.None"/> when no e-mail was given.</summary>
    public required MailDelivery PatientMail { get; set; }

    /// <summary>The front desk's follow-up (its own row; see <see cref="RequestFollowUp"/>).</summary>
    public required RequestFollowUp FollowUp { get; set; }

    /// <summary><see cref="SearchKeys.Name"/> of <see cref="LastName"/>: what a search by last name compares.</summary>
    public string LastNameKey { get; set; } = "";

    /// <summary><see cref="SearchKeys.Phone"/> of <see cref="Phone"/>: what a search by phone number compares.</summary>
    public string PhoneKey { get; set; } = "";

    public IReadOnlyList<string> PreferredDayCodes => Split(PreferredDays);

    public IReadOnlyList<string> PreferredTimeCodes => Split(PreferredTimes);

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
