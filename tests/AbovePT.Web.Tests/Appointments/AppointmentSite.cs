using AbovePT.Web.Data;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>
/// The site wired to a real SMTP server on 127.0.0.1 (or to a pickup folder when none is given), with
/// test-friendly limits: no minimum fill time, a generous rate limit, no sending limit per minute, and retries
/// after a fraction of a second.
/// </summary>
public sealed class AppointmentSite : SiteFactory
{
    public AppointmentSite(TestSmtpServer? smtp)
    {
        Smtp = smtp;
        WithSetting("Appointments:MinimumFillSeconds", "0");
        WithSetting("Appointments:RateLimit:PermitLimit", "100000");
        WithSetting("Mail:RetryDelay", "00:00:00.2");
        WithSetting("Mail:MaxRetryDelay", "00:00:01");
        // No provider's per-minute limit: bursts of test requests go out as fast as the server takes them.
        WithSetting("Mail:MaxMessagesPerMinute", "0");
        if (smtp is not null)
        {
            WithSetting("Mail:Delivery", "Smtp");
            WithSetting("Mail:Host", "127.0.0.1");
            WithSetting("Mail:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WithSetting("Mail:Security", "None");
            WithSetting("Mail:TimeoutSeconds", "5");
        }
    }

    public TestSmtpServer? Smtp { get; }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <inheritdoc cref="SiteFactory.WithSetting"/>
    public new AppointmentSite WithSetting(string key, string? value)
    {
        base.WithSetting(key, value);
        return this;
    }

    /// <summary>Gives the site <paramref name="clock"/> instead of the system clock; call before the first request.</summary>
    public AppointmentSite WithClock(TimeProvider clock) => WithServices(services => services.AddSingleton(clock));

    /// <summary>Changes the site's services after its own registration; call before the first request.</summary>
    public AppointmentSite WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Every entry the site logs, at every level.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>What the console shows: the entries the site's own logging rules let through.</summary>
    public OperatorLogCapture OperatorLogs { get; } = new();

    /// <summary>A client that, like a browser, keeps cookies; redirects are left to the test to follow.</summary>
    public AppointmentBrowser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    public async Task<List<AppointmentRequest>> RequestsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        return await db.AppointmentRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>Waits (up to 30 s) until the stored requests satisfy <paramref name="condition"/>, then returns them.</summary>
    public async Task<List<AppointmentRequest>> WaitForRequestsAsync(Func<List<AppointmentRequest>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var requests = await RequestsAsync();
            if (condition(requests))
            {
                return requests;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The stored requests never reached the expected state: " +
                    string.Join("; ", requests.Select(r => $"{r.Reference} front desk {r.FrontDeskMail.Status}/{r.FrontDeskMail.Attempts}, patient {r.PatientMail.Status}/{r.PatientMail.Attempts}")));
            }

            await Task.Delay(50);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Trace).AddProvider(OperatorLogs));
        builder.ConfigureTestServices(services => _services.ForEach(configure => configure(services)));
    }
}
