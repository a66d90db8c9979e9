using System.Net;
using AbovePT.Web.Data;
using AbovePT.Web.Data.PostgreSql;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Features.Privacy;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AbovePT.Web.Tests.Data.PostgreSql;

/// <summary>
/// Two instances of the site on one PostgreSQL database, as behind a load balancer: a patient's form and a staff
/// member's session work on either, each e-mail goes out once, and the retention job runs on one at a time.
/// </summary>
public sealed class SeveralInstancesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("abovept-instances-");
    private readonly TestDatabase _database;

    public SeveralInstancesTests()
    {
        TestDatabase.RequirePostgreSql();
        _database = TestDatabase.Create(_folder.FullName);
    }

    [Fact]
    public async Task StartedTogether_OneKeyRing_FormFromOneStoredThroughTheOther_StaffSessionKeptAcrossBoth()
    {
        await using var a = Instance(smtp: null);
        await using var b = Instance(smtp: null);
        // Both start at once on an empty key ring, as after a deployment.
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));
        var cookies = new CookieContainer();

        var form = FilledForm.From(await Html.ParseAsync(await Browser(a, cookies).GetAsync("/appointments/request"))).FillValid("phoenix");
        var posted = await Browser(b, cookies).PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Single(await b.RequestsAsync());

        var link = await Staff.StaffForms.InviteAsync(a.Services, "ana.ruiz@abovept.example", "admin", "all");
        await Staff.StaffForms.AcceptAsync(Browser(a, cookies), link);
        var onTheOther = await Browser(b, cookies).GetAsync("/staff/requests");
        Assert.Equal(HttpStatusCode.OK, onTheOther.StatusCode);

        await using var scope = a.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PostgreSqlClinicDbContext>().DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task BothSendingFromOneQueue_EachEmailGoesOutOnce()
    {
        const int count = 40;
        await using var smtp = await TestSmtpServer.StartAsync();
        await smtp.StopAsync();
        await using var a = Instance(smtp);
        await using var b = Instance(smtp);
        var now = DateTime.UtcNow;
        await StoredRequests.AddAsync(a, [.. Enumerable.Range(1, count).Select(i =>
            StoredRequests.Of($"QC-{i:D4}", now, frontDesk: MailDelivery.PendingFrom(now), patient: MailDelivery.NotNeeded()))]);
        _ = b.Services;

        await smtp.RestartAsync();
        await a.WaitForRequestsAsync(rs => rs.All(r => r.FrontDeskMail.Status == DeliveryStatus.Sent));

        var messageIds = smtp.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(count, messageIds.Distinct().Count());
        Assert.Equal(count, messageIds.Count);
    }

    [Fact]
    public async Task Retention_WhileAnotherInstanceRunsIt_IsSkipped_ThenRunsOnceFree()
    {
        // The site's own job (at start-up, then every six hours) keeps 250 days, so it never deletes this row;
        // the test's job, as another instance's, keeps 180.
        await using var site = Instance(smtp: null);
        site.WithSetting("Appointments:RetentionDays", "250");
        var job = ActivatorUtilities.CreateInstance<RetentionJob>(site.Services, Options.Create(new RetentionOptions { RetentionDays = 180 }));
        var closedAt = DateTime.UtcNow.AddDays(-200);
        var followUp = RequestFollowUp.New();
        Assert.Null(followUp.Claim(new StaffName("ana.ruiz@abovept.example", "Ana Ruiz"), closedAt.AddHours(-1)));
        Assert.Null(followUp.Close(RequestStatus.Spam, null, closedAt));
        await StoredRequests.AddAsync(site, StoredRequests.Of("QC-OLD", closedAt, followUp));

        await using (var other = new NpgsqlConnection(_database.ConnectionString))
        {
            await other.OpenAsync();
            await using var transaction = await other.BeginTransactionAsync();
            await using var lockIt = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgreSqlStore.LockKey("retention")})", other, transaction);
            await lockIt.ExecuteNonQueryAsync();

            Assert.Equal(0, await job.PurgeAsync(CancellationToken.None));
            Assert.Single(await site.RequestsAsync());
        }

        Assert.Equal(1, await job.PurgeAsync(CancellationToken.None));
        Assert.Empty(await site.RequestsAsync());
    }

    private AppointmentSite Instance(TestSmtpServer? smtp)
    {
        var site = new AppointmentSite(smtp);
        site.UseDatabase(_database);
        return site;
    }

    /// <summary>A browser's requests to one instance, with the cookies the browser keeps for the site whichever answered.</summary>
    private static HttpClient Browser(AppointmentSite site, CookieContainer cookies) =>
        site.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    public void Dispose()
    {
        _database.Dispose();
        _folder.Delete(recursive: true);
    }
}
