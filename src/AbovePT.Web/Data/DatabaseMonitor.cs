using AbovePT.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Data;

/// <summary>
/// Brings the database up to the current migration at start-up, and keeps the site running when it cannot:
/// a corrupt, read-only or unopenable file (or an unreachable or refusing server) leaves every page that needs no
/// database serving, the appointment pages answering 503 with the clinics' numbers, and <c>/healthz</c> Unhealthy.
/// It says so once in the log, looks again every <see cref="DatabaseOptions.RecheckSeconds"/>, and when the
/// database is fixed applies the migrations and takes requests again, without a restart (docs/operations.md).
/// Instances sharing a PostgreSQL database may migrate at the same moment: EF Core's migration lock makes one
/// wait for the other.
/// </summary>
/// <remarks>
/// The first check (EF Core's first use and the migrations, a few hundred milliseconds of CPU on a cold start)
/// runs in the background, <see cref="DatabaseStatus.FirstCheckDelay"/> after the start or as soon as a page or
/// <c>/healthz</c> needs it, whichever comes first: the articles need no database and are served meanwhile,
/// without the check competing for the CPU. Nothing sees an old schema: the appointment pages and <c>/healthz</c>
/// wait for the first check (<see cref="DatabaseStatus.IsReadyAsync"/>), the dispatcher and the retention job
/// until the database is ready. Its failure is an expected state, not an exception that stops the host.
/// </remarks>
internal sealed partial class DatabaseMonitor(
    IServiceScopeFactory scopes,
    ClinicStore store,
    IEnumerable<IAfterMigrations> afterMigrations,
    DatabaseStatus status,
    IOptions<DatabaseOptions> options,
    TimeProvider time,
    ILogger<DatabaseMonitor> logger) : BackgroundService
{
    private string? _reported;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAny(status.FirstCheckWanted, Task.Delay(DatabaseStatus.FirstCheckDelay, time, stoppingToken));
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await CheckAsync(stoppingToken);
        await WatchAsync(stoppingToken);
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.RecheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // While ready, only a reported fault prompts a look; otherwise look every interval.
                await status.WaitForRecheckAsync(status.IsReady ? Timeout.InfiniteTimeSpan : interval, stoppingToken);
                if (!status.IsReady)
                {
                    await CheckAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var location = store.Location;

        var problem = await FindProblemAsync(db, cancellationToken);
        if (problem is null)
        {
            var recovered = _reported is not null;
            _reported = null;
            status.MarkReady();
            if (recovered)
            {
                LogRecovered(logger, location);
            }
            else
            {
                LogReady(logger);
            }

            return;
        }

        status.MarkUnusable(problem);
        if (problem != _reported)
        {
            // Once per distinct problem, not once per re-check, and without a stack trace: this is an expected
            // state with a plain cause that the administrator fixes on the file.
            _reported = problem;
            LogUnusable(logger, location, problem, options.Value.RecheckSeconds);
        }
    }

    private async Task<string?> FindProblemAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await store.PrepareAsync(cancellationToken);
            if (await store.ProbeAsync(cancellationToken) is { } fault)
            {
                return fault.Problem;
            }

            await store.MigrateAsync(db, cancellationToken);
            await SearchKeys.FillMissingAsync(db, cancellationToken);
            await store.AfterMigrationsAsync(db, cancellationToken);
            foreach (var step in afterMigrations)
            {
                await step.RunAsync(db, cancellationToken);
            }

            return null;
        }
        catch (Exception exception) when (ClinicStore.FaultOf(exception) is { } fault)
        {
            return fault.Problem;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"the database folder cannot be created or used ({exception.GetType().Name})";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Clinic database is up to date")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Clinic database {Database} cannot be used: {Problem}. Appointment requests are answered with the clinics' phone numbers until it is fixed; looking again every {RecheckSeconds} s, no restart needed")]
    private static partial void LogUnusable(ILogger logger, string database, string problem, int recheckSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clinic database {Database} is usable again and up to date; taking appointment requests")]
    private static partial void LogRecovered(ILogger logger, string database);
}
