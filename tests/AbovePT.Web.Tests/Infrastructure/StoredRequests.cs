using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>Requests as the form stores them (search keys included), for tests that seed the database directly.</summary>
public static class StoredRequests
{
    /// <summary>
    /// A Queen Creek request received at <paramref name="receivedAtUtc"/>; both e-mails sent then unless given, and
    /// a New follow-up unless given.
    /// </summary>
    public static AppointmentRequest Of(
        string reference,
        DateTime receivedAtUtc,
        RequestFollowUp? followUp = null,
        MailDelivery? frontDesk = null,
        MailDelivery? patient = null,
        string lastName = "Row",
        string phone = "+14805550100") => new()
    {
        Reference = reference,
        SubmissionId = Guid.NewGuid(),
        LocationId = "queen-creek",
        ReceivedAtUtc = receivedAtUtc,
        FirstName = "Seed",
        LastName = lastName,
        LastNameKey = SearchKeys.Name(lastName),
        Phone = phone,
        PhoneKey = SearchKeys.Phone(phone),
        ContactMethod = "phone",
        PatientType = "new",
        Reason = "knee",
        Referral = "no",
        ConsentVersion = "test",
        ConsentedAtUtc = receivedAtUtc,
        FrontDeskMail = frontDesk ?? MailDeliveries.InState(DeliveryStatus.Sent, receivedAtUtc),
        PatientMail = patient ?? MailDeliveries.InState(DeliveryStatus.Sent, receivedAtUtc),
        FollowUp = followUp ?? RequestFollowUp.New(),
    };

    public static async Task AddAsync(SiteFactory site, params AppointmentRequest[] requests)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        db.AppointmentRequests.AddRange(requests);
        await db.SaveChangesAsync();
    }
}
