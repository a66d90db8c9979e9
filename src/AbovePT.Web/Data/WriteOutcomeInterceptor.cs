using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AbovePT.Web.Data;

/// <summary>
/// Tells <see cref="DatabaseStatus"/> how each save went, so <c>/healthz</c> says the database cannot be written
/// as soon as a real write fails (a full disk lets reads through), and stops saying it once one succeeds.
/// </summary>
internal sealed class WriteOutcomeInterceptor(DatabaseStatus status) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        status.ReportWriteSucceeded();
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        status.ReportWriteSucceeded();
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (ClinicStore.FaultOf(eventData.Exception) is { } fault)
        {
            status.Report(fault);
        }
    }
}
