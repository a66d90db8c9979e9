using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Features.Privacy;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Operations;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.DependencyInjection;
using static AbovePT.Web.Tests.Staff.StaffForms;

namespace AbovePT.Web.Tests.Data.PostgreSql;

/// <summary>
/// <c>database copy-from-sqlite</c> moving a SQLite site that has been in use into PostgreSQL: every row of every
/// table arrives with its id, the staff member signs in on the PostgreSQL site and sees the same requests, and new
/// rows get ids after the last the SQLite site handed out. PostgreSQL run only (<see cref="TestDatabase.RequirePostgreSql"/>);
/// the refusals that need no server are <see cref="DatabaseCopyTests"/>, on both runs.
/// </summary>
public sealed class CopyIntoPostgreSqlTests : IDisposable
{
    private const string Ana = "ana.ruiz@abovept.example";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("abovept-copy-");
    private readonly TestDatabase _sqlite;
    private readonly TestDatabase _postgres;

    public CopyIntoPostgreSqlTests()
    {
        TestDatabase.RequirePostgreSql();
        _sqlite = TestDatabase.SqliteFile(_folder.FullName);
        _postgres = TestDatabase.Create(_folder.FullName);
    }

    [Fact]
    public async Task CopyFromSqlite_EveryRowWithItsId_StaffSignsInAndSeesTheSameRequests_NewRowsGetNewIds()
    {
        Setup ana;
        List<string> rowsBefore, inboxBefore;
        int lastRequestId;
        await using (var sqlite = Site(_sqlite))
        {
            ana = await SeedAsync(sqlite);
            var browser = sqlite.Browser().Client;
            await SignInAsync(browser, Ana, Password, Totp(ana.Key));
            // The request's timeline: an audit row that names it.
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(InboxFormat.PathOf("QC-W0RK1"))).StatusCode);
            inboxBefore = await InboxAsync(browser);
            rowsBefore = await RowsAsync(sqlite);
            lastRequestId = await LastIssuedAsync(sqlite, "AppointmentRequests");
        }

        await using var postgres = Site(_postgres);
        var (exit, output) = await RunAsync(postgres, "database", "copy-from-sqlite", _sqlite.SqlitePath);

        Assert.True(exit == 0, output);
        Assert.Equal(rowsBefore, await RowsAsync(postgres));
        Assert.Equal(Counts(rowsBefore), PrintedCounts(output));
        foreach (var patientData in new[] { "Jane", "Doe", "555", "knee", "jane.doe@example.com", "Prefers mornings" })
        {
            Assert.DoesNotContain(patientData, output, StringComparison.OrdinalIgnoreCase);
        }

        var staff = postgres.Browser().Client;
        await SignInAsync(staff, Ana, Password, Totp(ana.Key));
        Assert.Equal(inboxBefore, await InboxAsync(staff));

        var received = await postgres.Browser().RequestAsync("phoenix");
        Assert.Equal(HttpStatusCode.SeeOther, received.StatusCode);
        var newest = (await postgres.RequestsAsync())[^1];
        // The request the retention job deleted on SQLite keeps its id: the next one comes after it.
        Assert.Equal(lastRequestId + 1, newest.Id);
        Assert.Equal(inboxBefore.Count + 1, (await InboxAsync(staff)).Count);
    }

    [Fact]
    public async Task CopyFromSqlite_IntoADatabaseThatHoldsRequests_RefusesAndCopiesNothing()
    {
        await using (var sqlite = Site(_sqlite))
        {
            await StoredRequests.AddAsync(sqlite, StoredRequests.Of("QC-FR0M1", DateTime.UtcNow));
        }

        await using var postgres = Site(_postgres);
        await StoredRequests.AddAsync(postgres, StoredRequests.Of("QC-HERE1", DateTime.UtcNow));

        var (exit, output) = await RunAsync(postgres, "database", "copy-from-sqlite", _sqlite.SqlitePath);

        Assert.Equal(1, exit);
        Assert.Contains("already holds the clinic's data (AppointmentRequests 1, RequestFollowUps 1 rows)", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was copied.", output, StringComparison.Ordinal);
        Assert.Equal(["QC-HERE1"], (await postgres.RequestsAsync()).Select(r => r.Reference));
    }

    /// <summary>
    /// A site that has been in use: an admin with an authenticator, a passkey, a claim and an external login; requests
    /// through the form and in every e-mail state, one worked (claimed, called, noted, scheduled) and one deleted by
    /// retention after it was closed; the audit trail of all that.
    /// </summary>
    private static async Task<Setup> SeedAsync(AppointmentSite site)
    {
        var ana = await AcceptAsync(site.Browser().Client, await InviteAsync(site.Services, Ana, "admin", "all"));
        await InviteAsync(site.Services, "lupe.garcia@abovept.example", "front-desk", "phoenix", "Lupe Garcia");

        var patient = site.Browser();
        Assert.Equal(HttpStatusCode.SeeOther, (await patient.RequestAsync("queen-creek")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await patient.RequestAsync("phoenix", form => form
            .Set("ContactMethod", "email").Set("Email", "jane.doe@example.com").Set("Message", "Prefers mornings"))).StatusCode);
        await site.WaitForRequestsAsync(rs => rs.Count == 2 && rs.All(r => r.FrontDeskMail.Status == DeliveryStatus.Sent && r.PatientMail.Status != DeliveryStatus.Pending));

        // States the PostgreSQL site leaves alone for the next hour, so both sides can be compared row by row.
        var now = DateTime.UtcNow;
        var worked = RequestFollowUp.New();
        var by = new StaffName(Ana, "Ana Ruiz");
        Assert.Null(worked.Claim(by, now.AddMinutes(-30)));
        Assert.Null(worked.LogCall(CallOutcome.NoAnswer, by, now.AddMinutes(-20)));
        Assert.Null(worked.LogCall(CallOutcome.Spoke, by, now.AddMinutes(-10)));
        Assert.Null(worked.AddNote("Call back after 3 PM.", by, now.AddMinutes(-9)));
        Assert.Null(worked.Schedule(now.AddDays(2), now.AddMinutes(-8)));
        var closedLongAgo = RequestFollowUp.New();
        Assert.Null(closedLongAgo.Claim(by, now.AddDays(-201)));
        Assert.Null(closedLongAgo.Close(RequestStatus.Spam, null, now.AddDays(-200)));
        await StoredRequests.AddAsync(site,
            StoredRequests.Of("QC-PEND1", now, frontDesk: MailDelivery.PendingFrom(now.AddHours(1)), patient: MailDelivery.NotNeeded()),
            StoredRequests.Of("QC-FA1L1", now, frontDesk: MailDeliveries.InState(DeliveryStatus.Failed, now), patient: MailDelivery.PendingFrom(now)),
            StoredRequests.Of("QC-HELD1", now, frontDesk: MailDeliveries.Held("sqlite-site", now, now.AddHours(1)), patient: MailDelivery.NotNeeded()),
            StoredRequests.Of("QC-W0RK1", now.AddHours(-1), worked),
            StoredRequests.Of("QC-0LD01", now.AddDays(-202), closedLongAgo));
        await site.Services.GetRequiredService<RetentionJob>().PurgeAsync(CancellationToken.None);
        Assert.DoesNotContain("QC-0LD01", (await site.RequestsAsync()).Select(r => r.Reference));

        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(Ana))!;
        var passkey = new UserPasskeyInfo(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(77), DateTimeOffset.UtcNow,
            signCount: 3, transports: ["internal", "hybrid"], isUserVerified: true, isBackupEligible: true, isBackedUp: false,
            attestationObject: [1, 2, 3], clientDataJson: [4, 5])
        { Name = "Ana's phone" };
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
        Assert.True((await users.AddClaimAsync(user, new Claim("test-claim", "kept"))).Succeeded);
        Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("test-provider", "ana-key", "Test"))).Succeeded);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        Assert.True((await roles.AddClaimAsync((await roles.FindByNameAsync(StaffRoles.Admin))!, new Claim("test-role-claim", "kept"))).Succeeded);
        return ana;
    }

    /// <summary>
    /// Every row of every table but the Data Protection keys (which only PostgreSQL keeps), owned e-mail states and
    /// JSON columns included, one line each, sorted: "Table Property=value|...". Instants to the microsecond, which is
    /// what PostgreSQL keeps of them.
    /// </summary>
    private static async Task<List<string>> RowsAsync(AppointmentSite site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType != typeof(DataProtectionKey)))
        {
            var set = (IQueryable)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type.ClrType).Invoke(db, null)!;
            foreach (var _ in set)
            {
                // Loading tracks each row and its owned parts.
            }
        }

        return [.. db.ChangeTracker.Entries().Select(Row).Order(StringComparer.Ordinal)];
    }

    private static string Row(EntityEntry entry) =>
        $"{entry.Metadata.GetTableName()} {(entry.Metadata.IsOwned() ? "+" : "")}{entry.Metadata.ShortName()} " +
        string.Join("|", entry.Properties.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).Select(p => $"{p.Metadata.Name}={Format(p.CurrentValue)}"));

    private static string Format(object? value) => value switch
    {
        null => "null",
        DateTime instant => Microseconds(instant.ToUniversalTime()),
        DateTimeOffset instant => Microseconds(instant.UtcDateTime),
        byte[] bytes => Convert.ToBase64String(bytes),
        string[] strings => string.Join(",", strings),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Microseconds(DateTime utc) =>
        new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Rows per table in <see cref="RowsAsync"/>'s lines; owned parts ("+") are columns of their owner's row.</summary>
    private static Dictionary<string, int> Counts(List<string> rows) =>
        rows.Select(r => r.Split(' ', 3))
            .Where(parts => !parts[1].StartsWith('+'))
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The command's table of rows copied ("table rows" lines, total aside), leaving out tables it found empty.</summary>
    private static Dictionary<string, int> PrintedCounts(string output) =>
        output.Split('\n', StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells is [not ("table" or "total"), var rows] && int.TryParse(rows, CultureInfo.InvariantCulture, out var count) && count > 0)
            .ToDictionary(cells => cells[0], cells => int.Parse(cells[1], CultureInfo.InvariantCulture));

    /// <summary>The last id the SQLite site handed out for <paramref name="table"/> (AUTOINCREMENT's own record).</summary>
    private static async Task<int> LastIssuedAsync(AppointmentSite site, string table)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        return await db.Database.SqlQuery<int>($"SELECT seq AS \"Value\" FROM sqlite_sequence WHERE name = {table}").SingleAsync();
    }

    /// <summary>Every request's reference in the inbox, all statuses, as the page lists them.</summary>
    private static async Task<List<string>> InboxAsync(HttpClient staff)
    {
        var response = await staff.GetAsync("/staff/requests?status=all");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Html.ParseAsync(response)).QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.TextContent)];
    }

    private static AppointmentSite Site(TestDatabase database)
    {
        var site = new AppointmentSite(null);
        site.UseDatabase(database);
        return site;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(AppointmentSite site, params string[] args)
    {
        var output = new StringWriter();
        var exit = await DatabaseCommand.RunAsync(site.Services, args, output);
        return (exit, output.ToString());
    }

    public void Dispose()
    {
        _postgres.Dispose();
        _sqlite.Dispose();
        _folder.Delete(recursive: true);
    }
}
