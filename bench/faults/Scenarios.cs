using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace AbovePT.Bench.Faults;

/// <summary>One scenario: its name on the command line, and whether it starts the site itself (after preparing its world).</summary>
internal sealed record Scenario(string Name, Func<Run, Task<string>> Body, bool StartsOwnSite = false);

/// <summary>One fault each; every scenario ends by waiting until what was stored has been e-mailed.</summary>
internal static class Scenarios
{
    /// <summary>The longest a scenario waits for the site to take requests again after the fault was fixed.</summary>
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    public static readonly Scenario[] All =
    [
        new("smtp-down", SmtpDownThenBackAsync),
        new("smtp-hang", SmtpHangingThenAnsweringAsync),
        new("smtp-4xx", SmtpRefusingThenAcceptingAsync),
        new("kill-9", KilledRightAfterStoringAsync),
        new("load", LoadAsync),
        new("read-only", ReadOnlyDatabaseAsync),
        new("corrupt-at-start", CorruptAtStartAsync),
        new("read-only-at-start", ReadOnlyAtStartAsync),
        new("disk-full", DiskFullAsync, StartsOwnSite: true),
        new("front-desk-refused", FrontDeskRefusedAsync),
    ];

    private static async Task<string> SmtpDownThenBackAsync(Run run)
    {
        await run.Smtp.StopAsync();
        await run.PostAsync(clients: 5, posts: 30);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var waiting = await run.UndeliveredAsync();
        await run.Smtp.RestartAsync();
        await run.WaitForDeliveryAsync();
        return $"SMTP down 5 s: {waiting} waiting, then all sent";
    }

    private static async Task<string> SmtpHangingThenAnsweringAsync(Run run)
    {
        // Answers each message only after 6 s, beyond the site's 2 s SMTP timeout: the site gives up,
        // but the server keeps the message, like a real server that commits after the client left.
        run.Smtp.ResponseDelay = TimeSpan.FromSeconds(6);
        await run.PostAsync(clients: 2, posts: 10);
        await Task.Delay(TimeSpan.FromSeconds(8));
        run.Smtp.ResponseDelay = TimeSpan.Zero;
        await run.WaitForDeliveryAsync();
        return "server slower than the 2 s timeout for 8 s";
    }

    private static async Task<string> SmtpRefusingThenAcceptingAsync(Run run)
    {
        run.Smtp.ReplyCode = 451;
        await run.PostAsync(clients: 4, posts: 20);
        await Task.Delay(TimeSpan.FromSeconds(4));
        run.Smtp.ReplyCode = null;
        await run.WaitForDeliveryAsync();
        return $"451 for 4 s: {run.Smtp.RefusedCount} refusals, then all sent";
    }

    private static async Task<string> KilledRightAfterStoringAsync(Run run)
    {
        // A slow server keeps the dispatcher mid-send when the process dies.
        run.Smtp.ResponseDelay = TimeSpan.FromMilliseconds(300);
        await run.PostAsync(clients: 5, posts: 30);
        run.KillSite();
        var waiting = await run.UndeliveredAsync();
        run.Smtp.ResponseDelay = TimeSpan.Zero;
        await run.StartSiteAsync();
        await run.WaitForDeliveryAsync();
        return $"kill -9 after the last 303: {waiting} not yet sent, sent after restart";
    }

    private static async Task<string> LoadAsync(Run run)
    {
        var elapsed = await run.PostAsync(clients: 20, posts: 200);
        await run.WaitForDeliveryAsync();
        return $"20 clients, 200 posts in {elapsed.TotalSeconds:F1} s";
    }

    private static async Task<string> ReadOnlyDatabaseAsync(Run run)
    {
        await run.PostAsync(clients: 1, posts: 5);
        await run.WaitForDeliveryAsync();
        await run.StopSiteAsync();
        string health;
        using (run.MakeDatabaseReadOnly())
        {
            await run.StartSiteAsync();
            await run.PostAsync(clients: 1, posts: 5);
            health = await run.HealthAsync();
        }

        // Writable again, same process: once the site's re-check (2 s here) sees it, posts are stored without a restart.
        var unavailable = run.Statuses.GetValueOrDefault(HttpStatusCode.ServiceUnavailable);
        var recovered = await run.WaitForFormAsync(RecoveryLimit);
        run.Check(recovered is not null, $"form not 200 within {RecoveryLimit.TotalSeconds:F0} s of the file becoming writable");
        await run.PostAsync(clients: 1, posts: 5);
        await run.WaitForDeliveryAsync();
        return $"read-only: {unavailable} posts answered 503 ({run.FormRefused} at the form), /healthz {health}; "
            + $"writable again, form 200 after {Seconds(recovered)}, no restart: 5 more posted";
    }

    private static async Task<string> CorruptAtStartAsync(Run run)
    {
        await run.StopSiteAsync();
        run.CorruptDatabase();
        await run.StartSiteAsync();
        var unusable = await CheckUnusableAsync(run, "not a usable SQLite database");

        // The administrator's fix; the site notices by itself, creates and migrates a new file, and takes posts.
        run.MoveDatabaseAside();
        var recovered = await run.WaitForFormAsync(RecoveryLimit);
        return await AfterRecoveryAsync(run, $"garbage file: {unusable}; moved aside", recovered);
    }

    private static async Task<string> ReadOnlyAtStartAsync(Run run)
    {
        await run.StopSiteAsync();
        string unusable;
        using (run.MakeDatabaseReadOnly())
        {
            await run.StartSiteAsync();
            unusable = await CheckUnusableAsync(run, "read-only");
        }

        var recovered = await run.WaitForFormAsync(RecoveryLimit);
        return await AfterRecoveryAsync(run, $"immutable file: {unusable}; writable again", recovered);
    }

    /// <summary>
    /// With the site started on an unusable file: the pages without a database serve, the form and its post answer
    /// 503, /healthz is Unhealthy and says why.
    /// </summary>
    private static async Task<string> CheckUnusableAsync(Run run, string problem)
    {
        var home = await run.StatusAsync("/");
        var article = await run.StatusAsync("/articles/knee-pain-after-running");
        var form = await run.StatusAsync("/appointments/request");
        var post = await run.PostWithoutFormAsync();
        var health = await run.HealthReportAsync();
        run.Check(home == HttpStatusCode.OK, $"/ answered {(int)home}");
        run.Check(article == HttpStatusCode.OK, $"article answered {(int)article}");
        run.Check(form == HttpStatusCode.ServiceUnavailable, $"form answered {(int)form}");
        run.Check(post == HttpStatusCode.ServiceUnavailable, $"post answered {(int)post}");
        run.Check(health is { Code: HttpStatusCode.ServiceUnavailable, Status: "Unhealthy" }, $"/healthz {(int)health.Code} {health.Status}");
        run.Check(health.Description.Contains(problem, StringComparison.Ordinal), $"/healthz does not say '{problem}': {health.Description}");

        // Two more re-checks (2 s each) before the fix: they must not repeat the log line.
        await Task.Delay(TimeSpan.FromSeconds(5));
        return $"/ {(int)home}, article {(int)article}, form {(int)form}, post {(int)post}, /healthz {(int)health.Code} {health.Status}";
    }

    /// <summary>
    /// After the fix: the form is back (bounded wait), 10 posts are stored and e-mailed, /healthz is Healthy, and
    /// the whole episode said "cannot be used" once in the site's output.
    /// </summary>
    private static async Task<string> AfterRecoveryAsync(Run run, string before, TimeSpan? recovered)
    {
        if (!run.Check(recovered is not null, $"form not 200 within {RecoveryLimit.TotalSeconds:F0} s of the fix"))
        {
            return $"{before}, never recovered; log: {SaidUnusable(run)}";
        }

        await run.PostAsync(clients: 2, posts: 10);
        await run.WaitForDeliveryAsync();
        var health = await run.HealthAsync();
        run.Check(health == "Healthy", $"/healthz {health} after recovery");
        return $"{before} → form 200 after {Seconds(recovered)}, no restart, 10 posted, /healthz {health}; log: {SaidUnusable(run)}";
    }

    /// <summary>Lines of the site's output saying "cannot be used" (must be one: the monitor's), by logger.</summary>
    private static string SaidUnusable(Run run)
    {
        var said = run.LogLinesContaining("cannot be used");
        var total = said.Values.Sum();
        run.Check(total == 1, $"'cannot be used' logged {total}× (once expected)");
        var by = string.Join(", ", said.Select(s => $"{s.Key} {s.Value}"));
        return $"'cannot be used' {total}×" + (total == 0 ? "" : $" ({by})");
    }

    private static async Task<string> DiskFullAsync(Run run)
    {
        run.UseSmallDisk("2m");
        await run.StartSiteAsync();

        // A slow server (300 ms a message) keeps the dispatcher mid-send when the disk fills: some attempts are
        // recorded but their outcome cannot be, some are not even begun.
        run.Smtp.ResponseDelay = TimeSpan.FromMilliseconds(300);
        await run.PostAsync(clients: 2, posts: 10);
        var before = run.Statuses;
        var (filler, bytes) = run.FillDisk();
        var receivedAtFill = run.Received("front-desk").Count;

        // Full: the site keeps taking posts (or answering 503) and its dispatcher keeps trying.
        var healthFull = await run.HealthAsync();
        await run.PostAsync(clients: 2, posts: 20);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var healthLater = await run.HealthAsync();
        var during = run.Statuses;
        int Delta(HttpStatusCode code) => during.GetValueOrDefault(code) - before.GetValueOrDefault(code);
        var others = during.Where(s => s.Key is not (HttpStatusCode.SeeOther or HttpStatusCode.ServiceUnavailable) && Delta(s.Key) > 0)
            .Select(s => $"{(int)s.Key}×{Delta(s.Key)}").ToList();
        var receivedWhileFull = run.Received("front-desk").Count - receivedAtFill;
        var storedWhileFull = await run.CountAsync("SELECT COUNT(*) FROM AppointmentRequests");
        var duplicatesWhileFull = run.Duplicates();
        var held = run.LogLinesContaining("held in memory").Values.Sum();
        var notBegun = run.LogLinesContaining("its attempt could not be recorded").Values.Sum();
        run.Check(healthFull != "Healthy" && healthLater != "Healthy", $"/healthz {healthFull} / {healthLater} while full");
        run.Check(others.Count == 0, $"full-disk posts answered {string.Join(", ", others)}");

        // Space again: everything stored goes out once, and the next posts are taken.
        File.Delete(filler);
        run.Smtp.ResponseDelay = TimeSpan.Zero;
        var timer = Stopwatch.StartNew();
        await run.WaitForDeliveryAsync();
        var drained = timer.Elapsed;
        var accepted = run.Statuses.GetValueOrDefault(HttpStatusCode.SeeOther);
        await run.PostAsync(clients: 1, posts: 5);
        await run.WaitForDeliveryAsync();
        var acceptedAfter = run.Statuses.GetValueOrDefault(HttpStatusCode.SeeOther) - accepted;
        run.Check(acceptedAfter == 5, $"{acceptedAfter}/5 posts accepted after the filler was removed");
        var healthAfter = await run.HealthAsync();
        run.Check(healthAfter == "Healthy", $"/healthz {healthAfter} after the filler was removed");
        return $"2 MiB tmpfs filled ({bytes / 1024} KiB filler) during 10 posts' sending: {receivedAtFill} e-mailed by then; "
            + $"20 posts while full → {Delta(HttpStatusCode.SeeOther)}×303 {Delta(HttpStatusCode.ServiceUnavailable)}×503"
            + (others.Count == 0 ? "" : $" {string.Join(' ', others)}")
            + $", {storedWhileFull} rows, {receivedWhileFull} more e-mailed, {duplicatesWhileFull} dup., /healthz {healthFull} then {healthLater} "
            + $"(log: {held}× outcome held in memory, {notBegun}× attempt not recorded so not sent); "
            + $"filler deleted → all sent in {drained.TotalSeconds:F1} s, 5 more posted, /healthz {healthAfter}";
    }

    private static async Task<string> FrontDeskRefusedAsync(Run run)
    {
        const int posts = 10;
        run.Smtp.ReplyCode = 550;
        await run.PostAsync(clients: 2, posts: posts, withEmail: true);
        var allFailed = await Run.WaitUntilAsync(
            async () => await run.CountAsync("SELECT COUNT(*) FROM AppointmentRequests WHERE FrontDeskMail_Status = 'Failed'") == posts,
            TimeSpan.FromSeconds(60));
        run.Check(allFailed, "front-desk e-mails not all Failed within 60 s");

        // A few seconds more: a confirmation sent (or even tried) now would be a broken promise of a call.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var refusals = run.Smtp.RefusedCount;
        var confirmationsWhileFailed = run.Received("confirmation").Count;
        var patientWaiting = await run.CountAsync("SELECT COUNT(*) FROM AppointmentRequests WHERE PatientMail_Status = 'Pending'");
        var health = await run.HealthAsync();
        run.Check(confirmationsWhileFailed == 0, $"{confirmationsWhileFailed} confirmations received while the front desk's were Failed");
        run.Check(refusals == posts, $"{refusals} refusals for {posts} front-desk e-mails (a confirmation was tried?)");
        run.Check(patientWaiting == posts, $"{patientWaiting}/{posts} confirmations Pending while the front desk's were Failed");
        run.Check(health == "Degraded", $"/healthz {health} while front-desk e-mails were Failed");

        // The mail server is fixed; the administrator re-queues from the publish folder with the site's settings.
        run.Smtp.ReplyCode = null;
        var timer = Stopwatch.StartNew();
        var (exitCode, output) = await run.RunSiteCommandAsync("requests", "resend-failed");
        run.Check(exitCode == 0, $"requests resend-failed exited {exitCode}: {output.Trim()}");
        var queued = output.Split('\n').LastOrDefault(l => l.Contains("queued", StringComparison.Ordinal))?.Trim() ?? "?";

        // The running site's dispatcher looks at least once a minute.
        var frontDeskSent = await Run.WaitUntilAsync(async () => await run.UndeliveredAsync() == 0, TimeSpan.FromSeconds(90));
        var frontDeskAfter = timer.Elapsed;
        var allSent = await Run.WaitUntilAsync(async () => await run.ConfirmationsUndeliveredAsync() == 0, TimeSpan.FromSeconds(30));
        var allAfter = timer.Elapsed;
        run.Check(frontDeskSent && allSent, "not every e-mail was sent within 90 s of resend-failed");

        // For each request, its front desk's e-mail arrived before its confirmation.
        var arrivals = run.Smtp.Messages.Select(m => m.MessageId ?? "").ToList();
        var references = (await run.QueryAsync("SELECT Reference FROM AppointmentRequests")).ToList();
        var inOrder = references.Count(r =>
        {
            var frontDesk = arrivals.FindIndex(id => id.StartsWith($"front-desk.{r}@", StringComparison.Ordinal));
            var confirmation = arrivals.FindIndex(id => id.StartsWith($"confirmation.{r}@", StringComparison.Ordinal));
            return frontDesk >= 0 && confirmation > frontDesk;
        });
        run.Check(inOrder == posts, $"front desk before confirmation for {inOrder}/{posts}");
        var healthAfter = await run.HealthAsync();
        run.Check(healthAfter == "Healthy", $"/healthz {healthAfter} after resend");
        return $"550: {refusals} refusals, {confirmationsWhileFailed} confirmations while Failed, /healthz {health}; "
            + $"resend-failed (\"{queued}\") → front desks in {frontDeskAfter.TotalSeconds:F0} s, confirmations in {allAfter.TotalSeconds:F0} s, "
            + $"front desk first {inOrder}/{posts}, /healthz {healthAfter}";
    }

    private static string Seconds(TimeSpan? elapsed) =>
        elapsed is { } e ? string.Create(CultureInfo.InvariantCulture, $"{e.TotalSeconds:F1} s") : "never";
}
