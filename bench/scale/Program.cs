using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AbovePT.Bench.Scale;
using AbovePT.Web.Tests.Infrastructure;

// Usage: Scale <published site folder>, under pg_virtualenv (bench/scale.sh).
// Two instances of the Release build on one PostgreSQL database and one SMTP server on 127.0.0.1. 300 requests, each
// form opened on one instance and posted through the other, by 10 browsers at once; while they are in flight instance
// B is killed with SIGKILL and started again, and the SMTP server refuses everything with 451 for 10 s. Then a staff
// member signs in on A and opens a staff page on B with the same cookies. Prints a table; exits 1 when an accepted post
// was not stored once and e-mailed, when more messages came twice than instances were killed, or the session was lost.
const int Posts = 300, Clients = 10, KillAfterAccepted = 100, RefuseAfterAccepted = 180, Kills = 1;
const string Database = "abovept_drill";
const string Undelivered = """
    SELECT count(*) FROM "AppointmentRequests"
    WHERE "FrontDeskMail_Status" <> 'Sent' OR "PatientMail_Status" NOT IN ('Sent', 'None')
    """;
var refusal = TimeSpan.FromSeconds(10);
var deliveryDeadline = TimeSpan.FromMinutes(5);

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Scale <published site folder>   (run under pg_virtualenv)");
    return 2;
}

await using var smtp = await TestSmtpServer.StartAsync();
var shared = Instance.SharedSettings(Database, smtp.Port);
using var a = new Instance("A", Path.GetFullPath(args[0]), shared);
using var b = new Instance("B", Path.GetFullPath(args[0]), shared);
Instance[] instances = [a, b];
try
{
    // Both at once on a database that does not exist yet, as on a first deployment: one creates and migrates it.
    await Task.WhenAll(a.StartAsync(), b.StartAsync());

    var accepted = new System.Collections.Concurrent.ConcurrentBag<string>();
    var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
    int failovers = 0, resubmits = 0;
    var posting = Stopwatch.StartNew();
    var postingDone = new CancellationTokenSource();

    // The faults, each once enough posts were accepted (or the posts ended).
    double killedAt = 0, backAfter = 0, refusedFrom = 0;
    var kill = Task.Run(async () =>
    {
        await UntilAsync(() => accepted.Count >= KillAfterAccepted, postingDone.Token);
        killedAt = posting.Elapsed.TotalSeconds;
        b.Kill();
        var restart = Stopwatch.StartNew();
        await b.StartAsync();
        backAfter = restart.Elapsed.TotalSeconds;
    });
    var refuse = Task.Run(async () =>
    {
        await UntilAsync(() => accepted.Count >= RefuseAfterAccepted, postingDone.Token);
        refusedFrom = posting.Elapsed.TotalSeconds;
        smtp.ReplyCode = 451;
        await Task.Delay(refusal);
        smtp.ReplyCode = null;
    });

    await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
    {
        for (var number = client; number < Posts; number += Clients)
        {
            string status;
            string? reference = null;
            try
            {
                (status, reference) = await PostOneAsync(number);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                // Counted among the answers, never the end of the drill.
                status = exception.GetType().Name;
            }

            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (reference is not null)
            {
                accepted.Add(reference);
            }
        }
    })));
    var postingSeconds = posting.Elapsed.TotalSeconds;
    await postingDone.CancelAsync();
    await Task.WhenAll(kill, refuse);

    var delivered = await WhenAsync(async () => await CountAsync(Undelivered) == 0, deliveryDeadline);
    var lastEmailAfter = posting.Elapsed.TotalSeconds - postingSeconds;
    // Anything still on its way (a second copy) arrives within moments of its row being marked sent.
    await Task.Delay(TimeSpan.FromSeconds(3));

    var session = await StaffSessionAsync(a, b);
    var reverse = await StaffSessionAsync(b, a);

    // What arrived, by what it is (front desk or confirmation, for which reference), whatever its Message-Id says.
    var references = new Regex(@"\b[A-Z]{2}-[3-9A-Z]{5}\b", RegexOptions.CultureInvariant);
    var received = smtp.Messages.Select(m => (
        Kind: m.To.Mailboxes.Any(t => t.Address.EndsWith("@example.com", StringComparison.Ordinal)) ? "confirmation" : "front desk",
        Reference: references.Match(m.Subject + " " + m.TextBody).Value,
        m.MessageId)).ToList();
    var groups = received.GroupBy(m => (m.Kind, m.Reference)).ToList();
    var duplicates = groups.Sum(g => g.Count() - 1);
    var repeated = groups.Where(g => g.Count() > 1).ToList();
    var sameMessageId = repeated.All(g => g.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count() == 1);

    var stored = await ListAsync("""SELECT "Reference" FROM "AppointmentRequests" """);
    var storedSet = stored.ToHashSet(StringComparer.Ordinal);
    var acceptedSet = accepted.ToHashSet(StringComparer.Ordinal);
    var perRequest = stored
        .Select(r => (FrontDesk: received.Count(m => m.Reference == r && m.Kind == "front desk"), Confirmations: received.Count(m => m.Reference == r && m.Kind == "confirmation")))
        .GroupBy(c => c)
        .OrderBy(g => g.Key.FrontDesk + g.Key.Confirmations)
        .Select(g => $"{g.Count()} × {g.Key.FrontDesk} + {g.Key.Confirmations}")
        .ToList();
    var notStored = acceptedSet.Count(r => !storedSet.Contains(r));
    var notEmailed = stored.Count(r => !groups.Any(g => g.Key == ("front desk", r)) || !groups.Any(g => g.Key == ("confirmation", r)));
    var undelivered = await CountAsync(Undelivered);

    var checks = new List<string>();
    Check(notStored == 0, $"{notStored} accepted post(s) not stored");
    Check(stored.Count == storedSet.Count, "a reference stored twice");
    Check(notEmailed == 0 && undelivered == 0 && delivered, $"{notEmailed} stored request(s) missing an e-mail, {undelivered} not marked sent");
    Check(duplicates <= Kills, $"{duplicates} message(s) received twice, more than the {Kills} kill(s)");
    Check(sameMessageId, "a message received twice under different Message-Ids");
    Check(session == HttpStatusCode.OK && reverse == HttpStatusCode.OK, "the staff session was not kept across instances");

    var version = await ServerVersionAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        Scale drill, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: instances A and B (Release, Production) on one PostgreSQL {version} database (pg_virtualenv), SMTP on 127.0.0.1;
        {Posts} posts by {Clients} browsers, each form from one instance posted through the other, in {postingSeconds:F1} s;
        B killed (SIGKILL) {killedAt:F1} s in, after {KillAfterAccepted} accepted, healthy again {backAfter:F1} s later; SMTP answering 451 from {refusedFrom:F1} s for {refusal.TotalSeconds:F0} s ({smtp.RefusedCount} refusals).

        | measure | result | goal |
        | --- | --- | --- |
        | posts | {Posts} | |
        | accepted (303, reference shown) | {acceptedSet.Count} | every post |
        | answers | {string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"))} | |
        | connections refused or cut, or 503 from a starting instance: sent again to the other | {failovers} (of which posts resubmitted: {resubmits}) | |
        | rows stored | {stored.Count} ({stored.Count - acceptedSet.Count(storedSet.Contains)} stored without the patient seeing the 303) | one per accepted post |
        | e-mails per request (front desk + confirmation) | {string.Join("; ", perRequest)} | 1 + 1 each |
        | duplicates (received again) | {duplicates}{(repeated.Count > 0 ? $", {(sameMessageId ? "each with its first copy's Message-Id" : "NOT all with the same Message-Id")}" : "")} | ≤ {Kills} (the kills) |
        | undelivered (not marked sent) | {undelivered} | 0 |
        | last e-mail after the last post | {lastEmailAfter:F1} s | |
        | staff session: signed in on A, /staff/requests on B | {Session(session)} | kept |
        | staff session: signed in on B, /staff/requests on A | {Session(reverse)} | kept |

        """));
    if (checks.Count > 0)
    {
        Console.WriteLine("FAILED: " + string.Join("; ", checks));
        return 1;
    }

    Console.WriteLine("Every accepted post stored once and e-mailed.");
    return 0;

    void Check(bool ok, string what)
    {
        if (!ok)
        {
            checks.Add(what);
        }
    }

    // A patient: the form from one instance, posted through the other, as behind a load balancer; when an instance
    // does not answer (killed, starting), the same form goes to the other one, as nginx or the patient pressing the
    // button again would do. The site finds a resubmitted form's row again by its submission id.
    async Task<(string Status, string? Reference)> PostOneAsync(int number)
    {
        using var browser = new Browser();
        var page = await OnEitherAsync(number % 2, origin => browser.GetAsync(origin, "/appointments/request"), countAsResubmit: false);
        if (page.Response is not { StatusCode: HttpStatusCode.OK } form)
        {
            return (page.Response is null ? "no answer" : ((int)page.Response.StatusCode).ToString(CultureInfo.InvariantCulture), null);
        }

        var (action, fields, _) = await Browser.FormAsync(form, "form.appt-form");
        fields.AddRange(Browser.Patient(number));
        var posted = await OnEitherAsync((number + 1) % 2, origin => browser.PostAsync(origin, action, fields), countAsResubmit: true);
        if (posted.Response is not { StatusCode: HttpStatusCode.SeeOther } redirect)
        {
            return (posted.Response is null ? "no answer" : ((int)posted.Response.StatusCode).ToString(CultureInfo.InvariantCulture), null);
        }

        // The confirmation page, from whichever instance answers (the instance that stored it may be the one killed).
        var shown = await OnEitherAsync(posted.Origin == a.Origin ? 0 : 1, origin => browser.GetAsync(origin, redirect.Headers.Location!.OriginalString), countAsResubmit: false);
        if (shown.Response is not { StatusCode: HttpStatusCode.OK } confirmation)
        {
            return ("303, then no confirmation page", null);
        }

        var received = await Browser.ParseAsync(confirmation);
        return ("303", received.QuerySelector(".appt-reference strong")?.TextContent);
    }

    // Up to four tries, alternating instances, half a second apart: a refused or cut connection, or a 503 while an
    // instance is starting, sends the request to the other.
    async Task<(HttpResponseMessage? Response, Uri Origin)> OnEitherAsync(int first, Func<Uri, Task<HttpResponseMessage>> send, bool countAsResubmit)
    {
        for (var attempt = 0; ; attempt++)
        {
            var origin = instances[(first + attempt) % 2].Origin;
            try
            {
                var response = await send(origin);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 3)
                {
                    return (response, origin);
                }
            }
            catch (Exception exception) when ((exception is HttpRequestException or TaskCanceledException) && attempt < 3)
            {
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return (null, origin);
            }

            Interlocked.Increment(ref failovers);
            if (countAsResubmit)
            {
                Interlocked.Increment(ref resubmits);
            }

            await Task.Delay(500);
        }
    }
}
finally
{
    a.Kill();
    b.Kill();
}

static string Session(HttpStatusCode? status) => status switch
{
    HttpStatusCode.OK => "kept (200)",
    null => "not checked",
    _ => $"not kept ({(int)status})",
};

// A staff member invited with the `staff` command, accepting on `signIn` (password, authenticator code), then opening
// the inbox on `other` with the same cookies. 200 means the other instance read the session cookie.
static async Task<HttpStatusCode?> StaffSessionAsync(Instance signIn, Instance other)
{
    var email = $"drill.{signIn.Name.ToLowerInvariant()}@abovept.example";
    var (exit, output) = await signIn.CommandAsync("staff", "invite", "--email", email, "--name", "Drill Admin", "--role", "admin", "--location", "all");
    if (exit != 0)
    {
        Console.Error.WriteLine($"staff invite failed ({exit})");
        return null;
    }

    using var browser = new Browser();
    var link = new Uri(output.TrimEnd().Split('\n')[^1].Trim()).PathAndQuery;
    var (action, fields, _) = await Browser.FormAsync(await browser.GetAsync(signIn.Origin, link), "main form");
    const string Password = "correct horse battery staple";
    fields.AddRange([new("Password", Password), new("ConfirmPassword", Password)]);
    await browser.PostAsync(signIn.Origin, action, fields);
    var (enrol, enrolFields, page) = await Browser.FormAsync(await browser.GetAsync(signIn.Origin, "/staff/authenticator"), "main form");
    enrolFields.Add(new("Code", Totp.Now(page.QuerySelector("#authenticator-key")!.TextContent)));
    var done = await browser.PostAsync(signIn.Origin, enrol, enrolFields);
    if (done.StatusCode != HttpStatusCode.OK)
    {
        Console.Error.WriteLine($"authenticator set-up answered {(int)done.StatusCode}");
        return null;
    }

    return (await browser.GetAsync(other.Origin, "/staff/requests")).StatusCode;
}

static async Task UntilAsync(Func<bool> condition, CancellationToken cancellationToken)
{
    while (!condition() && !cancellationToken.IsCancellationRequested)
    {
        await Task.Delay(50, CancellationToken.None);
    }
}

static async Task<bool> WhenAsync(Func<Task<bool>> condition, TimeSpan limit)
{
    var deadline = DateTime.UtcNow + limit;
    while (!await condition())
    {
        if (DateTime.UtcNow > deadline)
        {
            return false;
        }

        await Task.Delay(250);
    }

    return true;
}

static async Task<long> CountAsync(string sql) =>
    long.Parse((await ListAsync(sql)).Single(), CultureInfo.InvariantCulture);

static async Task<string> ServerVersionAsync() => (await ListAsync("SHOW server_version")).Single().Split(' ')[0];

// psql on the drill's database, as an administrator would ask: the PG* variables pg_virtualenv set say where.
static async Task<List<string>> ListAsync(string sql)
{
    var start = new ProcessStartInfo("psql", ["-X", "-q", "-t", "-A", "-d", Database, "-c", sql]) { RedirectStandardOutput = true, RedirectStandardError = true };
    using var psql = Process.Start(start)!;
    var output = psql.StandardOutput.ReadToEndAsync();
    var error = psql.StandardError.ReadToEndAsync();
    await psql.WaitForExitAsync();
    return psql.ExitCode == 0
        ? [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
        : throw new InvalidOperationException($"psql \"{sql}\": {(await error).Trim()}");
}
