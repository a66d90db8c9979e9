using AbovePT.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Features.Appointments.Delivery;

/// <summary>
/// Every e-mail an earlier run left is due now, and on the only instance (SQLite) an attempt that run left mid-send
/// was interrupted: it goes again, with the same Message-Id. Runs at the first check of each start, before the
/// database is called ready: before the dispatcher takes anything and before this run stores a request, so it can
/// only ever find an earlier run's work. Never again after a recovery, when this run's own attempts may be mid-send.
/// </summary>
internal sealed partial class MailResumption(ClinicStore store, TimeProvider time, ILogger<MailResumption> logger) : IAfterMigrations
{
    private int _done;

    public async Task RunAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _done) == 1)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var left = await db.AppointmentRequests.MailPending().ToListAsync(cancellationToken);
        var interrupted = 0;
        foreach (var request in left)
        {
            interrupted += (request.FrontDeskMail.ResumeAfterRestart(now, store.SingleInstance) ? 1 : 0)
                           + (request.PatientMail.ResumeAfterRestart(now, store.SingleInstance) ? 1 : 0);
        }

        await db.SaveChangesAsync(cancellationToken);
        // Only once saved: a check that failed on the way leaves the database not ready, and the next one does this.
        Volatile.Write(ref _done, 1);
        if (left.Count > 0)
        {
            LogResumed(logger, left.Count, interrupted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Found {Count} request(s) with e-mail still to send from an earlier run ({Interrupted} interrupted mid-send, which go again with the same Message-Id); sending now")]
    private static partial void LogResumed(ILogger logger, int count, int interrupted);
}
