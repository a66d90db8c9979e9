using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Features.Privacy;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Tests.Privacy;

/// <summary>
/// A request goes <c>Appointments:RetentionDays</c> after the front desk closed it, with its follow-up, calls and
/// notes; one still open, or with an e-mail not yet settled, stays whatever its age; the audit trail stays.
/// </summary>
public sealed class RetentionTests
{
    private static readonly StaffName Ana = new("ana@x", "Ana");

    [Fact]
    public async Task Purge_DeletesOnlyRequestsClosedLongerThanTheRetention_WithTheirFollowUpCallsAndNotes()
    {
        using var site = new AppointmentSite(null);
        site.WithSetting("Appointments:RetentionDays", SiteKeeps);
        await SeedAsync(site,
            new("QC-NEW400", Open: true, DaysAgo: 400, Claimed: false),
            new("QC-INPROG400", Open: true, DaysAgo: 400),
            new("QC-REOPENED", Open: true, DaysAgo: 400, Reopened: true),
            new("QC-CLOSED31", Open: false, DaysAgo: 31),
            new("QC-SCHED31", Open: false, DaysAgo: 31, Scheduled: true, Patient: DeliveryStatus.None),
            new("QC-FDFAILED31", Open: false, DaysAgo: 31, FrontDesk: DeliveryStatus.Failed, Patient: DeliveryStatus.None),
            new("QC-CLOSED29", Open: false, DaysAgo: 29),
            new("QC-CONFPEND", Open: false, DaysAgo: 200, Patient: DeliveryStatus.Pending),
            new("QC-CONFSENDING", Open: false, DaysAgo: 200, Patient: DeliveryStatus.Sending),
            new("QC-FDPENDING", Open: false, DaysAgo: 200, FrontDesk: DeliveryStatus.Pending, Patient: DeliveryStatus.None));
        Assert.Equal(9 * 2, await QueryAsync(site, db => db.Set<RequestCall>().CountAsync()));

        var deleted = await JobKeeping30Days(site).PurgeAsync(CancellationToken.None);

        Assert.Equal(3, deleted);
        var left = (await site.RequestsAsync()).Select(r => r.Reference).Order().ToList();
        Assert.Equal(["QC-CLOSED29", "QC-CONFPEND", "QC-CONFSENDING", "QC-FDPENDING", "QC-INPROG400", "QC-NEW400", "QC-REOPENED"], left);
        // The cascade took the follow-ups, calls and notes of the three deleted, and only theirs.
        Assert.Equal(7, await QueryAsync(site, db => db.Set<RequestFollowUp>().CountAsync()));
        Assert.Equal(6 * 2, await QueryAsync(site, db => db.Set<RequestCall>().CountAsync()));
        Assert.Equal(6, await QueryAsync(site, db => db.Set<RequestNote>().CountAsync()));
        Assert.Contains(site.Logs.Entries, e => e.Message == "Deleted 3 appointment request(s) closed more than 30 days ago");
    }

    [Fact]
    public async Task Purge_KeepsTheAuditTrailOfADeletedRequest()
    {
        using var site = new AppointmentSite(null);
        site.WithSetting("Appointments:RetentionDays", SiteKeeps);
        await SeedAsync(site, new Seed("QC-AUDITED", Open: false, DaysAgo: 31));

        Assert.Equal(1, await JobKeeping30Days(site).PurgeAsync(CancellationToken.None));

        Assert.Empty(await site.RequestsAsync());
        var timeline = await QueryAsync(site, db => db.StaffAudit.Where(a => a.Reference == "QC-AUDITED").OrderBy(a => a.Id).Select(a => a.Event).ToListAsync());
        Assert.Equal([StaffEvent.RequestClaimed, StaffEvent.CallLogged, StaffEvent.RequestStatusChanged], timeline);
    }

    [Fact]
    public async Task Purge_ForeignKeysOffInTheConnectionString_StillTakesTheCallsAndNotes()
    {
        using var site = new AppointmentSite(null);
        site.WithSetting("Appointments:RetentionDays", SiteKeeps);
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            // PostgreSQL always enforces foreign keys; SQLite only on connections that ask.
            site.WithSetting("ConnectionStrings:Clinic", site.Database.ConnectionString + ";Foreign Keys=False");
        }

        await SeedAsync(site, new Seed("QC-CLOSED31", Open: false, DaysAgo: 31));

        Assert.Equal(1, await JobKeeping30Days(site).PurgeAsync(CancellationToken.None));

        Assert.Equal(0, await QueryAsync(site, db => db.Set<RequestFollowUp>().CountAsync()));
        Assert.Equal(0, await QueryAsync(site, db => db.Set<RequestCall>().CountAsync()));
        Assert.Equal(0, await QueryAsync(site, db => db.Set<RequestNote>().CountAsync()));
    }

    [Fact]
    public async Task SiteStart_RunsTheCleanUp_WithTheDefault180Days()
    {
        var folder = Directory.CreateTempSubdirectory("abovept-retention-");
        try
        {
            using var database = TestDatabase.Create(folder.FullName);
            await RestartWithOldRowsAsync(database);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task RestartWithOldRowsAsync(TestDatabase database)
    {
        using (var before = new AppointmentSite(null))
        {
            before.UseDatabase(database);
            await SeedAsync(before,
                new("PX-CLOSED181", Open: false, DaysAgo: 181, Patient: DeliveryStatus.None),
                new("PX-CLOSED179", Open: false, DaysAgo: 179, Patient: DeliveryStatus.None),
                new("PX-NEW400", Open: true, DaysAgo: 400, Claimed: false, Patient: DeliveryStatus.None));
        }

        using var after = new AppointmentSite(null);
        after.UseDatabase(database);
        var left = await after.WaitForRequestsAsync(rs => rs.Count == 2);

        Assert.Equal(["PX-CLOSED179", "PX-NEW400"], left.Select(r => r.Reference).Order());
    }

    /// <summary>
    /// A request received <see cref="DaysAgo"/> days ago and, unless <see cref="Claimed"/> is false, claimed then with
    /// a call and a note; closed (spam, or scheduled) at that time unless <see cref="Open"/>, and
    /// <see cref="Reopened"/> a day later.
    /// </summary>
    private sealed record Seed(
        string Reference,
        bool Open,
        int DaysAgo,
        bool Claimed = true,
        bool Scheduled = false,
        bool Reopened = false,
        DeliveryStatus FrontDesk = DeliveryStatus.Sent,
        DeliveryStatus Patient = DeliveryStatus.Sent);

    private static async Task SeedAsync(AppointmentSite site, params Seed[] seeds)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var now = DateTime.UtcNow;
        foreach (var seed in seeds)
        {
            var at = now.AddDays(-seed.DaysAgo);
            var received = at.AddHours(-2);
            var followUp = RequestFollowUp.New();
            if (seed.Claimed)
            {
                Assert.Null(followUp.Claim(Ana, at.AddHours(-1)));
                Assert.Null(followUp.LogCall(CallOutcome.NoAnswer, Ana, at.AddMinutes(-50)));
                Assert.Null(followUp.LogCall(CallOutcome.Spoke, Ana, at.AddMinutes(-20)));
                Assert.Null(followUp.AddNote("Prefers mornings.", Ana, at.AddMinutes(-10)));
                db.StaffAudit.Add(StaffAuditEntry.Of(StaffEvent.RequestClaimed, at.AddHours(-1), Ana.Email, null, null, reference: seed.Reference));
                db.StaffAudit.Add(StaffAuditEntry.Of(StaffEvent.CallLogged, at.AddMinutes(-50), Ana.Email, null, null, reference: seed.Reference));
            }

            if (!seed.Open || seed.Reopened)
            {
                Assert.Null(seed.Scheduled ? followUp.Schedule(at.AddDays(3), at) : followUp.Close(RequestStatus.Spam, null, at));
                db.StaffAudit.Add(StaffAuditEntry.Of(StaffEvent.RequestStatusChanged, at, Ana.Email, null, null, reference: seed.Reference));
            }

            if (seed.Reopened)
            {
                Assert.Null(followUp.Reopen(Ana, at.AddDays(1)));
            }

            // Pending ones are not due for an hour, so the dispatcher leaves them alone during the test.
            db.AppointmentRequests.Add(StoredRequests.Of(
                seed.Reference,
                received,
                followUp,
                MailDeliveries.InState(seed.FrontDesk, seed.FrontDesk == DeliveryStatus.Pending ? now.AddHours(1) : received),
                MailDeliveries.InState(seed.Patient, seed.Patient == DeliveryStatus.Pending ? now.AddHours(1) : received)));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The site's own job runs as it starts, maybe after the test's rows are in: keeping them all (3650 days) it never
    /// takes them before <see cref="JobKeeping30Days"/>, the job under test, with the site's services.
    /// </summary>
    private const string SiteKeeps = "3650";

    private static RetentionJob JobKeeping30Days(AppointmentSite site) =>
        ActivatorUtilities.CreateInstance<RetentionJob>(site.Services, Options.Create(new RetentionOptions { RetentionDays = 30 }));

    private static async Task<T> QueryAsync<T>(AppointmentSite site, Func<ClinicDbContext, Task<T>> query)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ClinicDbContext>());
    }
}
