using AbovePT.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Operations;

/// <summary>
/// Healthy: the database answers and takes writes, and no front-desk e-mail is overdue or refused.
/// Degraded: requests are still accepted or readable, but e-mail is backing up, was refused, or the
/// database is read-only. Unhealthy: the database does not answer. Only counts, never patient data.
/// </summary>
internal sealed class ClinicHealthCheck(IServiceScopeFactory scopes, IOptions<HealthOptions> options, TimeProvider time)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var maxWait = TimeSpan.FromMinutes(options.Value.MaxDeliveryWaitMinutes);
        var overdueBefore = time.GetUtcNow().UtcDateTime - maxWait;

        int waiting, overdue, failed;
        bool writable;
        try
        {
            var frontDesk = db.AppointmentRequests.AsNoTracking();
            waiting = await frontDesk.CountAsync(r => r.FrontDeskMail.Status == DeliveryStatus.Pending, cancellationToken);
            overdue = await frontDesk.CountAsync(
                r => r.FrontDeskMail.Status == DeliveryStatus.Pending && r.ReceivedAtUtc < overdueBefore, cancellationToken);
            failed = await frontDesk.CountAsync(r => r.FrontDeskMail.Status == DeliveryStatus.Failed, cancellationToken);
            writable = await ClinicDatabase.IsWritableAsync(db, cancellationToken);
        }
        catch (SqliteException exception)
        {
            return HealthCheckResult.Unhealthy($"The database does not answer (SQLite error {exception.SqliteErrorCode}).");
        }

        var data = new Dictionary<string, object>
        {
            ["databaseWritable"] = writable,
            ["frontDeskEmailsWaiting"] = waiting,
            ["frontDeskEmailsOverdue"] = overdue,
            ["frontDeskEmailsFailed"] = failed,
            ["maxDeliveryWaitMinutes"] = options.Value.MaxDeliveryWaitMinutes,
        };

        var problems = new List<string>();
        if (!writable)
        {
            problems.Add("the database is read-only, so new requests cannot be stored");
        }

        if (overdue > 0)
        {
            problems.Add($"{overdue} front-desk e-mail(s) waiting longer than {options.Value.MaxDeliveryWaitMinutes} minutes");
        }

        if (failed > 0)
        {
            problems.Add($"{failed} front-desk e-mail(s) refused by the mail server (requests resend-failed)");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("Database writable; front-desk e-mail flowing.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems) + ".", data: data);
    }
}
