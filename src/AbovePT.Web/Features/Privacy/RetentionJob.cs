using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Privacy;

/// <summary>
/// Deletes appointment requests once the front desk has had them for <see cref="RetentionOptions.RetentionDays"/>:
/// the clinic's inbox is then the record, and the website keeps no patient data it no longer needs.
/// A request whose front-desk e-mail is still pending or has failed is kept, whatever its age, until it
/// is delivered: nobody may be forgotten. Runs at start-up and every six hours.
/// </summary>
internal sealed partial class RetentionJob(
    IServiceScopeFactory scopes,
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
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Overwrite the deleted rows' bytes instead of leaving them in free pages of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken);
            var deleted = await db.AppointmentRequests.Deletable(cutoff).ExecuteDeleteAsync(cancellationToken);
            if (deleted > 0)
            {
                LogDeleted(logger, deleted, days);
            }

            return deleted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} delivered appointment request(s) older than {RetentionDays} days")]
    private static partial void LogDeleted(ILogger logger, int count, int retentionDays);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention clean-up failed ({ExceptionType}); trying again at the next run")]
    private static partial void LogPurgeFailed(ILogger logger, string exceptionType);
}
