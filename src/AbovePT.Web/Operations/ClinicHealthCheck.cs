using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Operations;

/// <summary>
/// Healthy: the database answers and takes writes, no front-desk e-mail is overdue or refused, and no new request
/// has waited longer than <see cref="InboxOptions.AttentionAfterHours"/> for someone to claim it.
/// Degraded: requests are still taken, but the last write failed (a full disk, say), the disk refuses a small
/// write, e-mail is backing up or was refused, or new requests wait unclaimed. Unhealthy: the database cannot be
/// used (corrupt, read-only, unopenable). Only counts and plain reasons, never patient data.
/// </summary>
/// <remarks>
/// Every answer is read the way <see cref="ClinicStore.OpenMonitorContextAsync"/> gives: on SQLite a connection of
/// its own, outside the pool, which can answer from pages it read before the file was broken or replaced; a monitor
/// must see the database as it is now.
/// </remarks>
internal sealed class ClinicHealthCheck(
    ClinicStore store, DatabaseStatus status, IOptions<HealthOptions> options, IOptions<InboxOptions> inbox, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await status.IsReadyAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy(status.Problem is { } problem
                ? $"The database cannot be used: {problem}."
                : "The database has not been checked yet: its first check after start-up is still running.");
        }

        if (await store.ProbeAsync(cancellationToken) is { } fault)
        {
            status.Report(fault);
            return HealthCheckResult.Unhealthy($"The database cannot be used: {fault.Problem}.");
        }

        var maxWait = TimeSpan.FromMinutes(options.Value.MaxDeliveryWaitMinutes);
        var now = time.GetUtcNow().UtcDateTime;
        var overdueBefore = now - maxWait;
        var unclaimedBefore = now - inbox.Value.AttentionAfter;
        int waiting, overdue, failed, unclaimed;
        await using (var db = await store.OpenMonitorContextAsync(cancellationToken))
        {
            var requests = db.AppointmentRequests.AsNoTracking();
            waiting = await requests.FrontDeskWaiting().CountAsync(cancellationToken);
            overdue = await requests.FrontDeskOverdue(overdueBefore).CountAsync(cancellationToken);
            failed = await requests.FrontDeskFailed().CountAsync(cancellationToken);
            unclaimed = await requests.WaitingForClaim(unclaimedBefore).CountAsync(cancellationToken);
        }

        var diskTakesWrites = store.StorageTakesWrites();
        var lastWriteFailure = status.LastWriteFailure;
        var data = new Dictionary<string, object>
        {
            ["databaseWritable"] = diskTakesWrites && lastWriteFailure is null,
            ["frontDeskEmailsWaiting"] = waiting,
            ["frontDeskEmailsOverdue"] = overdue,
            ["frontDeskEmailsFailed"] = failed,
            ["maxDeliveryWaitMinutes"] = options.Value.MaxDeliveryWaitMinutes,
            ["newRequestsUnclaimed"] = unclaimed,
            ["attentionAfterHours"] = inbox.Value.AttentionAfterHours,
        };

        var problems = new List<string>();
        if (!diskTakesWrites)
        {
            problems.Add("the disk under the database refuses writes (full?), so new requests may not be stored");
        }

        if (lastWriteFailure is { } failure)
        {
            problems.Add($"the last write to the database failed at {failure.AtUtc:u} ({failure.Problem}) and none has succeeded since");
        }

        if (overdue > 0)
        {
            problems.Add($"{overdue} front-desk e-mail(s) waiting longer than {options.Value.MaxDeliveryWaitMinutes} minutes");
        }

        if (failed > 0)
        {
            problems.Add($"{failed} front-desk e-mail(s) refused by the mail server (requests resend-failed); their patients' confirmations wait too");
        }

        if (unclaimed > 0)
        {
            problems.Add($"{unclaimed} new request(s) unclaimed for longer than {inbox.Value.AttentionAfterHours} hours");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("Database writable; front-desk e-mail flowing.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems) + ".", data: data);
    }
}
