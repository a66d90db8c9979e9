using System.Data.Common;
using System.Net;
using AbovePT.Web.Data;
using AbovePT.Web.Tests.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Operations;

/// <summary>
/// The site serves before its database's first check and migration have finished (they run in the background,
/// so a cold start reaches its first article sooner). The articles do not wait for it; the appointment pages
/// and <c>/healthz</c> do, and then answer as usual: nobody sees a 503 only because the site has just started.
/// </summary>
public sealed class FirstDatabaseCheckTests
{
    [Fact]
    public async Task WhileTheMigrationRuns_ArticlesServe_TheFormAndHealthWaitForIt()
    {
        var migration = new HeldConnections();
        using var site = new AppointmentSite(null) { WaitForFirstDatabaseCheck = false };
        site.WithServices(services => services.ConfigureDbContext<ClinicDbContext>(options => options.AddInterceptors(migration)));
        var client = site.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/articles/knee-pain-after-running")).StatusCode);
        var form = client.GetAsync("/appointments/request");
        var health = client.GetAsync("/healthz");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(form.IsCompleted, "the form must wait for the first check, not answer 503");
        Assert.False(health.IsCompleted, "/healthz must wait for the first check, not answer Unhealthy");

        migration.Release();

        Assert.Equal(HttpStatusCode.OK, (await form).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await health).StatusCode);
        var stored = await site.Browser().RequestAsync("phoenix");
        Assert.Equal(HttpStatusCode.SeeOther, stored.StatusCode);
    }

    /// <summary>Holds every connection EF Core opens (the migration's first) until released.</summary>
    private sealed class HeldConnections : DbConnectionInterceptor
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            await _released.Task.WaitAsync(cancellationToken);
            return result;
        }

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            _released.Task.Wait();
            return result;
        }
    }
}
