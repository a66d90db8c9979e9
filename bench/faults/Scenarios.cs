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

    private static string Seconds(TimeSpan? elapsed) =>
        elapsed is { } e ? string.Create(CultureInfo.InvariantCulture, $"{e.TotalSeconds:F1} s") : "never";
}
