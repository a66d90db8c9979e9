using System.Data.Common;
using System.Net;
using AbovePT.Web.Data;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AbovePT.Web.Tests.Operations;

/// <summary>
/// The site serves before its database's first check and migration have finished (they run in the background,
/// a moment after the start, so a cold start reaches its first article sooner). The articles do not wait for it;
/// the appointment pages and <c>/healthz</c> start it if it is still waiting, wait for it, and then answer as usual:
/// nobody sees a 503 only because the site has just started.
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

    [Fact]
    public async Task AfterTheStart_ArticlesComeBeforeAnyDatabaseWorkOrKey_ThenTheCheckAndTheKeyRingFollowOnTheirOwn()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var connections = new CountedConnections();
        using var site = new AppointmentSite(null) { WaitForFirstDatabaseCheck = false }.WithClock(clock);
        site.WithServices(services => services.ConfigureDbContext<ClinicDbContext>(options => options.AddInterceptors(connections)));
        var client = site.CreateClient();
        var database = site.Services.GetRequiredService<DatabaseStatus>();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/articles/knee-pain-after-running")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/es/articulos")).StatusCode);
        Assert.Equal(0, connections.Opened);
        Assert.False(database.FirstCheck.IsCompleted, "the first check must wait for its start-up delay");
        Assert.Empty(KeyFiles(site));

        clock.Advance(DatabaseStatus.FirstCheckDelay);

        await database.FirstCheck.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(database.IsReady);
        Assert.True(connections.Opened > 0);
        Assert.Single(KeyFiles(site));
        var stored = await site.Browser().RequestAsync("queen-creek");
        Assert.Equal(HttpStatusCode.SeeOther, stored.StatusCode);
        Assert.Single(KeyFiles(site));
    }

    [Fact]
    public async Task AfterTheStart_APageThatNeedsTheDatabase_StartsTheCheckAtOnce()
    {
        // The clock never moves: only the form's asking can start the check.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var site = new AppointmentSite(null) { WaitForFirstDatabaseCheck = false }.WithClock(clock);
        var client = site.CreateClient();

        var form = await client.GetAsync("/appointments/request").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.True(site.Services.GetRequiredService<DatabaseStatus>().IsReady);
        Assert.Single(KeyFiles(site));
    }

    private static string[] KeyFiles(SiteFactory site)
    {
        var keys = Path.Combine(site.DataDirectory, "keys");
        return Directory.Exists(keys) ? Directory.GetFiles(keys, "key-*.xml") : [];
    }

    /// <summary>Counts the connections EF Core opens.</summary>
    private sealed class CountedConnections : DbConnectionInterceptor
    {
        private int _opened;

        public int Opened => Volatile.Read(ref _opened);

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opened);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            Interlocked.Increment(ref _opened);
            return result;
        }
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
