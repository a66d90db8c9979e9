using System.Globalization;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Operations;

/// <summary>
/// <c>dotnet AbovePT.Web.dll requests list [--pending|--failed|--all]</c> and
/// <c>requests resend-failed [REFERENCE ...]</c>: the administrator's view of e-mail delivery, with the
/// site's own configuration and database, and no SQL by hand. Prints references, locations, states,
/// attempts and times only: never a patient's name, phone, e-mail, reason or the server's error text
/// (which can quote an address).
/// </summary>
public static class RequestsCommand
{
    public const string Name = "requests";

    private const string Usage = """
        Usage:
          requests list [--pending | --failed | --all]   requests whose e-mail is pending or failed (default), or all
          requests resend-failed [REFERENCE ...]          queue failed e-mails again (all, or the given references)
        Run it from the site's folder with the site's settings (see docs/operations.md).
        """;

    public static bool Handles(string[] args) => args is [Name, ..];

    /// <summary>Runs the command after <c>Build()</c> (services and configuration as the site has them), instead of the site.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        var store = scope.ServiceProvider.GetRequiredService<ClinicStore>();
        if (!await store.ExistsAsync(cancellationToken))
        {
            // Opening it would create an empty database in the wrong place.
            await output.WriteLineAsync($"No database at {store.Location}. Run this from the site's folder with the site's settings.");
            return 1;
        }

        switch (args)
        {
            case [Name, "list"]:
                return await ListAsync(db, Filter.NeedsAttention, output, cancellationToken);
            case [Name, "list", "--pending"]:
                return await ListAsync(db, Filter.Pending, output, cancellationToken);
            case [Name, "list", "--failed"]:
                return await ListAsync(db, Filter.Failed, output, cancellationToken);
            case [Name, "list", "--all"]:
                return await ListAsync(db, Filter.All, output, cancellationToken);
            case [Name, "resend-failed", .. var references]:
                return await ResendFailedAsync(scope.ServiceProvider, db, time, references, output, cancellationToken);
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private enum Filter
    {
        NeedsAttention,
        Pending,
        Failed,
        All,
    }

    private static async Task<int> ListAsync(ClinicDbContext db, Filter filter, TextWriter output, CancellationToken cancellationToken)
    {
        var query = db.AppointmentRequests.AsNoTracking();
        query = filter switch
        {
            Filter.Pending => query.MailPending(),
            Filter.Failed => query.MailFailed(),
            Filter.NeedsAttention => query.MailPending().Union(query.MailFailed()),
            _ => query,
        };

        // Only the columns this command may print are read.
        var rows = await query
            .OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Reference,
                r.LocationId,
                r.ReceivedAtUtc,
                FrontDesk = r.FrontDeskMail.Status,
                FrontDeskAttempts = r.FrontDeskMail.Attempts,
                FrontDeskNext = r.FrontDeskMail.NextAttemptAtUtc,
                FrontDeskLastAttempt = r.FrontDeskMail.LastAttemptAtUtc,
                FrontDeskSent = r.FrontDeskMail.SentAtUtc,
                Patient = r.PatientMail.Status,
                PatientAttempts = r.PatientMail.Attempts,
            })
            .ToListAsync(cancellationToken);

        await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture,
            "{0,-10} {1,-12} {2,-17} {3,-17} {4,-13} {5,-17}", "REFERENCE", "LOCATION", "RECEIVED (AZ)", "FRONT DESK", "CONFIRMATION", "NEXT TRY / SENT (AZ)"));
        foreach (var row in rows)
        {
            var when = row.FrontDesk switch
            {
                DeliveryStatus.Pending => row.FrontDeskNext,
                DeliveryStatus.Sending => row.FrontDeskLastAttempt,
                _ => row.FrontDeskSent,
            };
            await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture,
                "{0,-10} {1,-12} {2,-17} {3,-17} {4,-13} {5,-17}",
                row.Reference,
                row.LocationId,
                Arizona(row.ReceivedAtUtc),
                $"{row.FrontDesk} ({row.FrontDeskAttempts})",
                row.Patient == DeliveryStatus.None ? "-" : $"{row.Patient} ({row.PatientAttempts})",
                when is null ? "" : Arizona(when.Value)));
        }

        await output.WriteLineAsync($"{rows.Count} request(s).");
        return 0;
    }

    private static async Task<int> ResendFailedAsync(
        IServiceProvider services, ClinicDbContext db, TimeProvider time, string[] references, TextWriter output, CancellationToken cancellationToken)
    {
        var failed = db.AppointmentRequests.MailFailed();
        if (references.Length > 0)
        {
            failed = failed.Where(r => references.Contains(r.Reference));
        }

        var requests = await failed.OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var request in requests)
        {
            request.FrontDeskMail.Requeue(now);
            request.PatientMail.Requeue(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        // Wakes a dispatcher in this process; the site's own (another process) looks within a minute.
        services.GetRequiredService<DeliverySignal>().Notify();
        foreach (var request in requests)
        {
            await output.WriteLineAsync($"Queued again: {request.Reference} ({request.LocationId})");
        }

        var unknown = references.Except(requests.Select(r => r.Reference), StringComparer.Ordinal).ToList();
        foreach (var reference in unknown)
        {
            await output.WriteLineAsync($"Not found or not failed: {reference}");
        }

        await output.WriteLineAsync($"{requests.Count} request(s) queued; the running site sends them within a minute.");
        return unknown.Count == 0 ? 0 : 1;
    }

    private static string Arizona(DateTime utc) =>
        ArizonaTime.ToArizona(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
