using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using AbovePT.Bench.MailBurst;
using AbovePT.Web.Tests.Infrastructure;

// Usage: MailBurst <published site folder> [--posts N] [--delay-seconds S] [--connections C] [--per-minute M]
// N patients with an e-mail address press Send at once; the SMTP server on 127.0.0.1 takes S seconds per message.
// Prints when the front desks' e-mails and the confirmations arrived (from the first post), whether every front
// desk came before any confirmation, the SMTP sessions used, and the last front desk against the floor.
// Exits 1 when an e-mail is missing, a confirmation came before a front desk, or the ratio is above 1.1.
if (Options.Parse(args) is not { } options)
{
    return 2;
}

const double Goal = 1.1;
var arrivals = new ConcurrentQueue<(string Id, long At)>();
// SmtpServer cuts a session off after 2 minutes (answering 554 to the message in hand); the site keeps one
// session for as long as mail is due, so the server here lets a session live as long as the whole run may.
await using var smtp = await TestSmtpServer.StartAsync(sessionTimeout: options.Deadline);
smtp.ResponseDelay = TimeSpan.FromSeconds(options.DelaySeconds);
smtp.OnAccepted = message => arrivals.Enqueue((message.MessageId ?? "", Stopwatch.GetTimestamp()));

await using var site = await Site.StartAsync(options, smtp.Port);

// A site in service has posted forms before: two refused posts (no consent) warm the post's path up without
// storing or sending anything, so the burst does not also time the first request's start-up work.
for (var i = 0; i < 2; i++)
{
    using var warmUp = await site.OpenFormAsync(0, consent: false);
    if (await warmUp.PostAsync() != HttpStatusCode.BadRequest)
    {
        Console.WriteLine("FAILED: the warm-up post without consent was not answered 400 with the form again");
        return 1;
    }
}

var patients = await Task.WhenAll(Enumerable.Range(1, options.Posts).Select(n => site.OpenFormAsync(n)));
var sessionsBefore = smtp.SessionCount;

// Every patient presses Send at the same moment.
var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var posts = patients.Select(async patient =>
{
    await go.Task;
    var status = await patient.PostAsync();
    return (status, Done: Stopwatch.GetTimestamp());
}).ToList();
var start = Stopwatch.GetTimestamp();
go.SetResult();
var answered = await Task.WhenAll(posts);
foreach (var patient in patients)
{
    patient.Dispose();
}

var accepted = answered.Count(a => a.status == HttpStatusCode.SeeOther);
double Seconds(long at) => Stopwatch.GetElapsedTime(start, at).TotalSeconds;
var lastAnswer = answered.Max(a => Seconds(a.Done));

var expected = 2 * accepted;
try
{
    await smtp.WaitForMessagesAsync(expected, options.Deadline);
}
catch (TimeoutException exception)
{
    Console.WriteLine($"FAILED: {exception.Message}");
    Console.WriteLine(site.LogTail());
    return 1;
}

var received = arrivals.ToList();
var frontDesk = received.Where(m => m.Id.StartsWith("front-desk.", StringComparison.Ordinal)).Select(m => Seconds(m.At)).Order().ToList();
var confirmations = received.Where(m => m.Id.StartsWith("confirmation.", StringComparison.Ordinal)).Select(m => Seconds(m.At)).Order().ToList();
if (frontDesk.Count == 0 || confirmations.Count == 0)
{
    Console.WriteLine($"FAILED: {frontDesk.Count} front-desk and {confirmations.Count} confirmation e-mails received");
    return 1;
}

var inOrder = frontDesk[^1] <= confirmations[0];
var floor = options.FloorSeconds(frontDesk.Count);
var ratio = frontDesk[^1] / floor;
var limit = options.PerMinute == 0 ? "no limit" : $"{options.PerMinute}/min";
string Times(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)));

Line($"{options.Posts} posts at once, server {options.DelaySeconds:0.##} s per message, Mail:MaxConnections {options.Connections}, Mail:MaxMessagesPerMinute {options.PerMinute} ({limit})");
Line($"  accepted (303)                 {accepted}/{options.Posts}, last answer {lastAnswer:F2} s after the first post");
Line($"  e-mails received               {frontDesk.Count} front desk, {confirmations.Count} confirmations, {received.Count - received.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count()} duplicates");
Line($"  first / last front desk        {frontDesk[0]:F2} s / {frontDesk[^1]:F2} s");
Line($"  first / last confirmation      {confirmations[0]:F2} s / {confirmations[^1]:F2} s");
Line($"  every front desk first         {(inOrder ? "yes" : "NO")}");
Line($"  SMTP connections used          {smtp.SessionCount - sessionsBefore}, at most {smtp.MostOpenSessions} open at once");
var spread = options.SpreadSeconds(frontDesk.Count);
var floorHow = floor > spread
    ? $"the rate limit's; {frontDesk.Count} x {options.DelaySeconds:0.##} s / {options.Connections} would be {spread:F2} s"
    : $"{frontDesk.Count} x {options.DelaySeconds:0.##} s / {options.Connections}";
Line($"  front-desk floor               {floor:F2} s ({floorHow})");
Line($"  last front desk / floor        {ratio:F2} (goal <= {Goal}){(ratio <= Goal ? "" : "  MISSED")}");
Line($"  front-desk arrivals (s)        {Times(frontDesk)}");
Line($"  confirmation arrivals (s)      {Times(confirmations)}");
return accepted == options.Posts && inOrder && ratio <= Goal ? 0 : 1;

static void Line(FormattableString text) => Console.WriteLine(FormattableString.Invariant(text));
