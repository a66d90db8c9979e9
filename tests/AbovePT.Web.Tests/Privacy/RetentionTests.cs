using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Privacy;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Privacy;

/// <summary>Delivered requests go after <c>Appointments:RetentionDays</c>; anything not yet delivered stays.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Purge_DeletesOnlyDeliveredRequestsOlderThanTheRetention()
    {
        using var site = new AppointmentSite(null);
        site.WithSetting("Appointments:RetentionDays", "30");
        await SeedAsync(site,
            ("QC-OLDSENT", 31, DeliveryStatus.Sent, DeliveryStatus.Sent),
            ("QC-OLDNOMAIL", 31, DeliveryStatus.Sent, DeliveryStatus.None),
            ("QC-OLDCONFAIL", 31, DeliveryStatus.Sent, DeliveryStatus.Failed),
            ("QC-OLDPENDING", 200, DeliveryStatus.Pending, DeliveryStatus.None),
            ("QC-OLDFAILED", 200, DeliveryStatus.Failed, DeliveryStatus.None),
            ("QC-OLDCONFPEND", 31, DeliveryStatus.Sent, DeliveryStatus.Pending),
            ("QC-RECENT", 29, DeliveryStatus.Sent, DeliveryStatus.Sent));

        var deleted = await site.Services.GetRequiredService<RetentionJob>().PurgeAsync(CancellationToken.None);

        Assert.Equal(3, deleted);
        var left = (await site.RequestsAsync()).Select(r => r.Reference).Order().ToList();
        Assert.Equal(["QC-OLDCONFPEND", "QC-OLDFAILED", "QC-OLDPENDING", "QC-RECENT"], left);
    }

    [Fact]
    public async Task SiteStart_RunsTheCleanUp_WithTheDefault180Days()
    {
        var folder = Directory.CreateTempSubdirectory("abovept-retention-");
        var database = Path.Combine(folder.FullName, "clinic.db");
        try
        {
            await RestartWithOldRowsAsync(database);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task RestartWithOldRowsAsync(string database)
    {
        using (var before = new AppointmentSite(null))
        {
            before.WithSetting("ConnectionStrings:Clinic", $"Data Source={database}");
            await SeedAsync(before,
                ("PX-181DAYS", 181, DeliveryStatus.Sent, DeliveryStatus.None),
                ("PX-179DAYS", 179, DeliveryStatus.Sent, DeliveryStatus.None));
        }

        using var after = new AppointmentSite(null);
        after.WithSetting("ConnectionStrings:Clinic", $"Data Source={database}");
        var left = await after.WaitForRequestsAsync(rs => rs.Count == 1);

        Assert.Equal("PX-179DAYS", Assert.Single(left).Reference);
    }

    private static async Task SeedAsync(AppointmentSite site, params (string Reference, int DaysAgo, DeliveryStatus FrontDesk, DeliveryStatus Patient)[] rows)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var now = DateTime.UtcNow;
        foreach (var (reference, daysAgo, frontDesk, patient) in rows)
        {
            var received = now.AddDays(-daysAgo);
            db.AppointmentRequests.Add(new AppointmentRequest
            {
                Reference = reference,
                SubmissionId = Guid.NewGuid(),
                LocationId = "queen-creek",
                ReceivedAtUtc = received,
                FirstName = "Seed",
                LastName = "Row",
                Phone = "+14805550100",
                ContactMethod = "phone",
                PatientType = "new",
                Reason = "knee",
                Referral = "no",
                ConsentVersion = "test",
                ConsentedAtUtc = received,
                // Pending ones are not due for an hour, so the dispatcher leaves them alone during the test.
                FrontDeskMail = MailDeliveries.InState(frontDesk, frontDesk == DeliveryStatus.Pending ? now.AddHours(1) : received),
                PatientMail = MailDeliveries.InState(patient, patient == DeliveryStatus.Pending ? now.AddHours(1) : received),
                FollowUp = RequestFollowUp.New(),
            });
        }

        await db.SaveChangesAsync();
    }
}
