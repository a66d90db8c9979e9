using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Privacy;

/// <summary>
/// Deletes an appointment request <see cref="RetentionOptions.RetentionDays"/> after the front desk closed it
/// (<see cref="Features.Inbox.RequestFollowUp.ClosedAtUtc"/>): the clinic's own records then hold what matters, and
/// the website keeps no patient data it no longer needs. A request still New or In progress is kept whatever its
/// age, and so is one with an e-mail still waiting or being sent: nobody may be forgotten. The follow-up, its calls
/// and its notes go with the request (the database cascades); the audit trail stays, holding only the reference.
/// Runs at start-up and every six hours, on one instance at a time when several share the database.
/// </summary>
internal sealed partial class RetentionJob(
    IServiceScopeFactory scopes,
    ClinicStore store,
    IOptions<RetentionOptions> options,
    DatabaseStatus database,
    TimeProvider time,
    ILogger<RetentionJob> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The database is migrated, or found unusable, by another hosted service; wait until it is ready.
        await database.WhenReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPurgeFailed(logger, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes what is due; returns how many requests were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        var closedBefore = time.GetUtcNow().UtcDateTime.AddDays(-days);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();

        // The follow-up, calls and notes go by their foreign keys' cascade.
        var deleted = await store.RunAloneAsync(
            db, "retention", wait: false, () => db.AppointmentRequests.Deletable(closedBefore).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        if (deleted is null)
        {
            LogSkipped(logger);
            return 0;
        }

        if (deleted > 0)
        {
            LogDeleted(logger, deleted.Value, days);
        }

        return deleted.Value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} appointment request(s) closed more than {RetentionDays} days ago")]
    private static partial void LogDeleted(ILogger logger, int count, int retentionDays);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention clean-up skipped: another instance is running it now")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention clean-up failed ({ExceptionType}); trying again at the next run")]
    private static partial void LogPurgeFailed(ILogger logger, string exceptionType);
}
