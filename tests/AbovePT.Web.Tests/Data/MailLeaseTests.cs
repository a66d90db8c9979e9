using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AbovePT.Web.Tests.Data;

/// <summary>
/// Each e-mail attempt is one instance's, by a lease: taken in one statement, its outcome recorded only by its
/// holder, and due again, with the same Message-Id, only once the lease has run out. On either provider.
/// </summary>
public sealed class MailLeaseTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task HeldAttempt_IsLeftAloneUntilItsLeaseRunsOut_ALapsedOneGoesAgainAtOnce_WithTheSameMessageId()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = new AppointmentSite(smtp).WithClock(clock);
        // Stored first, so a claim that ignored the lease would take it before the lapsed one.
        await StoredRequests.AddAsync(site,
            StoredRequests.Of("QC-HELD", Now.AddMinutes(-1), frontDesk: MailDeliveries.Held("busy-instance", Now.AddSeconds(-5), Now.AddSeconds(60)), patient: MailDelivery.NotNeeded()),
            StoredRequests.Of("QC-LAPSED", Now.AddMinutes(-5), frontDesk: MailDeliveries.Held("crashed-instance", Now.AddMinutes(-3), Now.AddSeconds(-1)), patient: MailDelivery.NotNeeded()));
        site.Services.GetRequiredService<DeliverySignal>().Notify();

        var first = await smtp.WaitForMessagesAsync(1);
        Assert.Equal("front-desk.QC-LAPSED@abovept.example", first[0].MessageId);
        var lapsed = (await site.WaitForRequestsAsync(rs => rs.Single(r => r.Reference == "QC-LAPSED").FrontDeskMail.Status == DeliveryStatus.Sent))
            .Single(r => r.Reference == "QC-LAPSED");
        Assert.Equal(2, lapsed.FrontDeskMail.Attempts);
        Assert.Null(lapsed.FrontDeskMail.LeaseOwner);
        var held = (await site.RequestsAsync()).Single(r => r.Reference == "QC-HELD");
        Assert.Equal((DeliveryStatus.Sending, "busy-instance"), (held.FrontDeskMail.Status, held.FrontDeskMail.LeaseOwner));

        clock.Advance(TimeSpan.FromSeconds(61));
        site.Services.GetRequiredService<DeliverySignal>().Notify();

        var both = await smtp.WaitForMessagesAsync(2);
        Assert.Equal("front-desk.QC-HELD@abovept.example", both[1].MessageId);
        Assert.Equal(2, smtp.Messages.Count);
    }

    [Fact]
    public async Task Claim_TakesExactlyWhatTheDueRulesSay_OldestFirst_FrontDeskBeforeItsConfirmation()
    {
        await using var site = new AppointmentSite(null).WithServices(WithoutDispatcher);
        var sent = MailDeliveries.InState(DeliveryStatus.Sent, Now.AddHours(-1));
        await StoredRequests.AddAsync(site,
            StoredRequests.Of("QC-DUE", Now, frontDesk: MailDelivery.PendingFrom(Now.AddSeconds(-1)), patient: MailDelivery.PendingFrom(Now.AddSeconds(-1))),
            StoredRequests.Of("QC-LATER", Now, frontDesk: MailDelivery.PendingFrom(Now.AddMinutes(5)), patient: MailDelivery.NotNeeded()),
            StoredRequests.Of("QC-LAPSED", Now, frontDesk: MailDeliveries.Held("gone", Now.AddMinutes(-5), Now.AddSeconds(-1)), patient: MailDelivery.NotNeeded()),
            StoredRequests.Of("QC-HELD", Now, frontDesk: MailDeliveries.Held("busy", Now, Now.AddMinutes(2)), patient: MailDelivery.NotNeeded()),
            StoredRequests.Of("QC-SENT", Now, frontDesk: sent, patient: MailDelivery.PendingFrom(Now.AddSeconds(-1))),
            StoredRequests.Of("QC-FAILED", Now, frontDesk: MailDeliveries.InState(DeliveryStatus.Failed, Now), patient: MailDelivery.PendingFrom(Now)),
            StoredRequests.Of("QC-DONE", Now));

        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ClinicStore>();
        var references = await db.AppointmentRequests.ToDictionaryAsync(r => r.Id, r => r.Reference);
        var frontDeskDue = await db.AppointmentRequests.FrontDeskDue(Now).OrderBy(r => r.Id).Select(r => r.Reference).ToListAsync();
        var confirmationDue = await db.AppointmentRequests.ConfirmationDue(Now).OrderBy(r => r.Id).Select(r => r.Reference).ToListAsync();

        var frontDesk = await ClaimAllAsync(store, db, MailKind.FrontDesk, references);
        var confirmations = await ClaimAllAsync(store, db, MailKind.Confirmation, references);

        Assert.Equal(["QC-DUE", "QC-LAPSED"], frontDesk);
        Assert.Equal(frontDeskDue, frontDesk);
        // QC-DUE's confirmation waits for its front desk's e-mail, which is now mid-attempt, not sent.
        Assert.Equal(["QC-SENT"], confirmations);
        Assert.Equal(confirmationDue, confirmations);
        var claimed = await db.AppointmentRequests.AsNoTracking().SingleAsync(r => r.Reference == "QC-LAPSED");
        Assert.Equal((DeliveryStatus.Sending, "tester", 2, Now.AddMinutes(2)),
            (claimed.FrontDeskMail.Status, claimed.FrontDeskMail.LeaseOwner, claimed.FrontDeskMail.Attempts, claimed.FrontDeskMail.LeaseExpiresAtUtc));
    }

    [Fact]
    public async Task Outcome_OfAnAttemptWhoseLeaseWasTakenOver_IsNotRecorded()
    {
        await using var site = new AppointmentSite(null).WithServices(WithoutDispatcher);
        await StoredRequests.AddAsync(site, StoredRequests.Of("QC-SLOW", Now, frontDesk: MailDeliveries.Held("slow", Now.AddMinutes(-3), Now.AddSeconds(-1)), patient: MailDelivery.NotNeeded()));

        await using var slowScope = site.Services.CreateAsyncScope();
        var slow = slowScope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var asSlowSawIt = await slow.AppointmentRequests.SingleAsync();
        await using (var otherScope = site.Services.CreateAsyncScope())
        {
            var other = otherScope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var store = otherScope.ServiceProvider.GetRequiredService<ClinicStore>();
            Assert.NotNull(await store.ClaimNextAsync(other, MailKind.FrontDesk, "other", Now, Now.AddMinutes(2), CancellationToken.None));
        }

        asSlowSawIt.FrontDeskMail.MarkSent(Now);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => slow.SaveChangesAsync());

        var stored = (await site.RequestsAsync()).Single();
        Assert.Equal((DeliveryStatus.Sending, "other"), (stored.FrontDeskMail.Status, stored.FrontDeskMail.LeaseOwner));
    }

    private static async Task<List<string>> ClaimAllAsync(ClinicStore store, ClinicDbContext db, MailKind kind, Dictionary<int, string> references)
    {
        var claimed = new List<string>();
        while (await store.ClaimNextAsync(db, kind, "tester", Now, Now.AddMinutes(2), CancellationToken.None) is { } id)
        {
            claimed.Add(references[id]);
        }

        return claimed;
    }

    /// <summary>Nothing sends: the test claims by hand.</summary>
    private static void WithoutDispatcher(IServiceCollection services) =>
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(AppointmentMailDispatcher)));
}
