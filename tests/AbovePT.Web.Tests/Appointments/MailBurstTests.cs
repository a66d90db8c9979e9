using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>
/// A burst of e-mails (after an outage, or many requests at once) goes out front desks first, over a few reused
/// SMTP sessions, within the provider's per-minute limit. A real SMTP server on 127.0.0.1 counts the connections.
/// </summary>
public sealed class MailBurstTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("abovept-burst-");

    private readonly TestDatabase _database;

    public MailBurstTests() => _database = TestDatabase.Create(_folder.FullName);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task PendingBurst_IsSentOverOneSessionPerConnection(int connections)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await StoreWhileMailIsDownAsync(smtp, count: 6, withEmail: false);
        var before = smtp.SessionCount;

        await using var site = Site(smtp).WithSetting("Mail:MaxConnections", connections.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _ = site.Services;
        var messages = await smtp.WaitForMessagesAsync(6);

        Assert.Equal(6, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.InRange(smtp.SessionCount - before, 1, connections);
        Assert.InRange(smtp.MostOpenSessions, 1, connections);
        await site.WaitForRequestsAsync(rs => rs.All(r => r.FrontDeskMail.Status == DeliveryStatus.Sent));
    }

    [Fact]
    public async Task PendingBurst_EveryFrontDeskEmailGoesBeforeAnyConfirmation()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await StoreWhileMailIsDownAsync(smtp, count: 5, withEmail: true);

        await using var site = Site(smtp);
        _ = site.Services;
        var messages = await smtp.WaitForMessagesAsync(10);

        Assert.All(messages.Take(5), m => Assert.StartsWith("front-desk.", m.MessageId, StringComparison.Ordinal));
        Assert.All(messages.Skip(5), m => Assert.StartsWith("confirmation.", m.MessageId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestArrivingWhileAFrontDeskEmailIsOnItsWay_GoesOutAtOnceOverTheSecondConnection()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        // The client waits for the held message far longer than this test does: no timeout may end its session.
        await using var site = Site(smtp).WithSetting("Mail:MaxConnections", "2").WithSetting("Mail:TimeoutSeconds", "120");
        var browser = site.Browser();
        smtp.HoldMessages();

        await browser.RequestAsync("phoenix");
        await smtp.WaitUntilHoldingAsync(1);
        // The first front-desk e-mail is still unanswered: the second must not wait for it.
        await browser.RequestAsync("queen-creek");
        await smtp.WaitUntilHoldingAsync(2, timeout: TimeSpan.FromSeconds(60));
        smtp.ReleaseHeld();

        var messages = await smtp.WaitForMessagesAsync(2);
        Assert.Equal(2, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(2, smtp.MostOpenSessions);
        await site.WaitForRequestsAsync(rs => rs.Count == 2 && rs.All(r => r.FrontDeskMail.Status == DeliveryStatus.Sent));
    }

    [Fact]
    public async Task MaxMessagesPerMinute_HoldsTheRestUntilTheMinuteHasPassed()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var site = Site(smtp).WithClock(clock).WithSetting("Mail:MaxMessagesPerMinute", "3");
        var browser = site.Browser();

        for (var i = 0; i < 5; i++)
        {
            await browser.RequestAsync(i % 2 == 0 ? "phoenix" : "queen-creek");
        }

        await smtp.WaitForMessagesAsync(3);
        // Nothing moves the site's clock: a fourth message now would break the limit.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, smtp.Messages.Count);

        clock.Advance(TimeSpan.FromSeconds(61));

        await smtp.WaitForMessagesAsync(5);
        await site.WaitForRequestsAsync(rs => rs.Count == 5 && rs.All(r => r.FrontDeskMail.Status == DeliveryStatus.Sent));
    }

    /// <summary>Stores <paramref name="count"/> requests while the mail server is down; each front-desk e-mail has failed once and waits an hour.</summary>
    private async Task StoreWhileMailIsDownAsync(TestSmtpServer smtp, int count, bool withEmail)
    {
        await smtp.StopAsync();
        await using (var before = Site(smtp).WithSetting("Mail:RetryDelay", "01:00:00").WithSetting("Mail:MaxRetryDelay", "01:00:00"))
        {
            var browser = before.Browser();
            for (var i = 0; i < count; i++)
            {
                await browser.RequestAsync(i % 2 == 0 ? "phoenix" : "queen-creek", form =>
                {
                    if (withEmail)
                    {
                        form.Set("Email", $"patient{i}@example.com");
                    }
                });
            }

            await before.WaitForRequestsAsync(rs => rs.Count == count && rs.All(r => r.FrontDeskMail is { Attempts: 1, Status: DeliveryStatus.Pending }));
        }

        await smtp.RestartAsync();
    }

    private AppointmentSite Site(TestSmtpServer smtp)
    {
        var site = new AppointmentSite(smtp);
        site.UseDatabase(_database);
        return site;
    }

    public void Dispose()
    {
        _database.Dispose();
        _folder.Delete(recursive: true);
    }
}
