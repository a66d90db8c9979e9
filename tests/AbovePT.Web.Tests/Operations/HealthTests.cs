using System.Net;
using System.Text.Json;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AbovePT.Web.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_DatabaseWritableAndNothingWaiting_IsHealthy()
    {
        using var site = new AppointmentSite(null);

        var (status, body) = await HealthAsync(site);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("data").GetProperty("databaseWritable").GetBoolean());
        Assert.Equal(0, body.GetProperty("data").GetProperty("frontDeskEmailsWaiting").GetInt32());
    }

    [Fact]
    public async Task Healthz_MailDownLongerThanAllowed_IsDegradedWithTheCountOnly_ThenHealthyOnceDelivered()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await smtp.StopAsync();
        using var site = new AppointmentSite(smtp);
        site.WithSetting("Health:MaxDeliveryWaitMinutes", "10");
        var browser = site.Browser();
        await browser.RequestAsync("phoenix", form => form.Set("LastName", "Healthcheckerson"));
        await browser.RequestAsync("queen-creek", form => form.Set("LastName", "Healthcheckerson"));
        Assert.Equal("Healthy", (await HealthAsync(site)).Body.GetProperty("status").GetString());

        // Eleven minutes pass with the mail server down.
        await ExecuteAsync(site, "UPDATE AppointmentRequests SET ReceivedAtUtc = datetime(ReceivedAtUtc, '-11 minutes')");
        var (status, degraded) = await HealthAsync(site);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
        Assert.Equal(2, degraded.GetProperty("data").GetProperty("frontDeskEmailsOverdue").GetInt32());
        Assert.Contains("2 front-desk e-mail(s) waiting longer than 10 minutes", degraded.GetProperty("description").GetString());
        Assert.DoesNotContain("Healthcheckerson", degraded.ToString());
        Assert.DoesNotContain("555", degraded.ToString());

        await smtp.RestartAsync();
        await smtp.WaitForMessagesAsync(2);
        await site.WaitForRequestsAsync(rs => rs.All(r => r.FrontDeskMail.Status == DeliveryStatus.Sent));
        Assert.Equal("Healthy", (await HealthAsync(site)).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_FrontDeskEmailRefused_IsDegraded()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.ReplyCode = 550;
        using var site = new AppointmentSite(smtp);
        await site.Browser().RequestAsync("phoenix");
        await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Failed);

        var (_, body) = await HealthAsync(site);

        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("data").GetProperty("frontDeskEmailsFailed").GetInt32());
    }

    [Fact]
    public async Task Healthz_NewRequestUnclaimedLongerThanAllowed_IsDegradedWithTheCountOnly_ThenHealthyOnceClaimed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var site = new AppointmentSite(null).WithClock(clock);
        await StoredRequests.AddAsync(site,
            StoredRequests.Of("QC-UNCLAIMED", clock.GetUtcNow().UtcDateTime, lastName: "Healthcheckerson", phone: "+14805550142"));

        // Four hours less a minute: not yet.
        clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(1));
        var (_, healthy) = await HealthAsync(site);
        Assert.Equal("Healthy", healthy.GetProperty("status").GetString());
        Assert.Equal(0, healthy.GetProperty("data").GetProperty("newRequestsUnclaimed").GetInt32());

        clock.Advance(TimeSpan.FromMinutes(2));
        var (status, degraded) = await HealthAsync(site);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
        Assert.Equal(1, degraded.GetProperty("data").GetProperty("newRequestsUnclaimed").GetInt32());
        Assert.Equal(4, degraded.GetProperty("data").GetProperty("attentionAfterHours").GetInt32());
        Assert.Equal("1 new request(s) unclaimed for longer than 4 hours.", degraded.GetProperty("description").GetString());
        Assert.DoesNotContain("Healthcheckerson", degraded.ToString());
        Assert.DoesNotContain("QC-UNCLAIMED", degraded.ToString());
        Assert.DoesNotContain("555", degraded.ToString());

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var request = await db.AppointmentRequests.Include(r => r.FollowUp).SingleAsync();
            Assert.Null(request.FollowUp.Claim(new StaffName("ana@x", "Ana"), clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        var (_, claimed) = await HealthAsync(site);
        Assert.Equal("Healthy", claimed.GetProperty("status").GetString());
        Assert.Equal(0, claimed.GetProperty("data").GetProperty("newRequestsUnclaimed").GetInt32());
    }

    [Fact]
    public void InboxAttentionAfterHours_Zero_StopsStartupNamingTheKey()
    {
        using var site = new SiteFactory().WithSetting("Inbox:AttentionAfterHours", "0");

        Assert.Contains("Inbox:AttentionAfterHours", site.StartupError().ToString());
    }

    [Fact]
    public async Task Healthz_DatabaseUnreadable_Is503Unhealthy()
    {
        using var site = new AppointmentSite(null);
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(site)).Status);
        var file = Path.Combine(site.DataDirectory, "clinic.db");

        SqliteConnection.ClearAllPools();
        File.Delete(file + "-wal");
        File.Delete(file + "-shm");
        await File.WriteAllTextAsync(file, new string('x', 8192));
        var (status, body) = await HealthAsync(site);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Contains("not a usable SQLite database", body.GetProperty("description").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(AppointmentSite site)
    {
        var response = await site.CreateClient().GetAsync("/healthz");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static async Task ExecuteAsync(AppointmentSite site, string sql)
    {
        await using var scope = site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
