using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace AbovePT.Bench.Inbox;

/// <summary>
/// Usage: InboxBench &lt;published site folder&gt; &lt;data folder&gt; [requests] [samples]
/// Invites an admin with <c>staff invite</c> (which creates the data folder's database), seeds it with the requests
/// (default 100,000, two years, both clinics), and signs the admin in over HTTP (password, then the authenticator's code). Then, on one
/// start of the site with EF Core's commands logged, opens each page of the inbox once and prints the query plans
/// of the statements it sent; on a second start (no command log), times each page, one request at a time in
/// interleaved rounds after a warm-up, and prints p50 and p95. Exits 1 when a p95 is over the goal or a plan scans.
/// </summary>
internal static partial class InboxBench
{
    private const double GoalMs = 50;
    private const int WarmupRounds = 30;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: InboxBench <published site folder> <data folder> [requests] [samples]");
            return 2;
        }

        var (publish, folder) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
        var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var samples = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 300;
        var database = Path.Combine(folder, "clinic.db");
        var invitation = await Site.InviteAsync(publish, folder, "bench.admin@abovept.example");
        var terms = await Seed.WriteAsync(database, count, DateTime.UtcNow);
        Dictionary<string, string> cookies;
        List<(string Case, List<string> Statements)> statements = [];
        await using (var site = await Site.StartAsync(publish, folder, logCommands: true))
        {
            using var browser = new Browser(site.Origin);
            await browser.AcceptAsync(invitation);
            var cases = Cases(terms, await browser.SearchFormAsync());
            site.TakeCommands();
            foreach (var (name, request) in cases)
            {
                using var response = await browser.SendAsync(request(0));
                await Check(name, response);
                await Task.Delay(300); // the console logger writes on its own thread
                statements.Add((name, site.TakeCommands().Where(Inbox).ToList()));
            }

            cookies = browser.Cookies;
        }

        var scans = Plans(database, statements);

        var times = new Dictionary<string, List<double>>();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        await using (var site = await Site.StartAsync(publish, folder))
        {
            using var browser = new Browser(site.Origin, cookies);
            var cases = Cases(terms, await browser.SearchFormAsync());
            for (var round = 0; round < WarmupRounds + samples; round++)
            {
                foreach (var (name, request) in cases)
                {
                    using var message = request(round);
                    var watch = Stopwatch.StartNew();
                    using var response = await browser.SendAsync(message);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    watch.Stop();
                    if (round < WarmupRounds)
                    {
                        await Check(name, response, body);
                    }
                    else if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{name} answered {(int)response.StatusCode}.");
                    }
                    else
                    {
                        (times.TryGetValue(name, out var list) ? list : times[name] = []).Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }
        }

        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} requests; {samples} timed requests per case (after {WarmupRounds} warm-up), one at a time, cases interleaved; whole response read"));
        Console.WriteLine($"load average before {string.Join(' ', load)}, after {string.Join(' ', loadAfter)}");
        Console.WriteLine();
        Console.WriteLine("| case | p50 (ms) | p95 (ms) | max (ms) |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        var missed = false;
        foreach (var (name, list) in times)
        {
            var p95 = Percentile(list, 0.95);
            missed |= p95 > GoalMs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Percentile(list, 0.50):F1} | {(p95 > GoalMs ? $"**{p95:F1}**" : $"{p95:F1}")} | {list.Max():F1} |"));
        }

        Console.WriteLine();
        Console.WriteLine(missed ? $"Goal (every p95 under {GoalMs} ms): MISSED" : $"Goal (every p95 under {GoalMs} ms): met");
        Console.WriteLine(scans == 0 ? "Plans: no SCAN of a table or index" : $"Plans: {scans} SCAN step(s), above");
        return missed || scans > 0 ? 1 : 0;
    }

    /// <summary>Each case's request for a given round: the searches cycle through their terms.</summary>
    private static List<(string Name, Func<int, HttpRequestMessage> Request)> Cases(SeededTerms terms, Dictionary<string, string> search)
    {
        HttpRequestMessage Search(List<string> list, int round) =>
            Browser.Post(search["@action"], new Dictionary<string, string>(search) { ["term"] = list[round % list.Count] });

        return
        [
            ("default list (New, oldest first)", _ => new HttpRequestMessage(HttpMethod.Get, "/staff/requests")),
            ("filter: Phoenix, Scheduled (newest first)", _ => new HttpRequestMessage(HttpMethod.Get, "/staff/requests?location=phoenix&status=Scheduled")),
            ($"search: reference, lower case ({terms.References.Count} terms)", round => Search(terms.References, round)),
            ($"search: phone, (480) 555-0142 format ({terms.Phones.Count} terms)", round => Search(terms.Phones, round)),
            ($"search: accented last name typed without accents ({terms.LastNames.Count} terms)", round => Search(terms.LastNames, round)),
            ($"search: last-name prefix, 3 letters ({terms.Prefixes.Count} terms)", round => Search(terms.Prefixes, round)),
        ];
    }

    /// <summary>Every case answers 200 with a list; every search finds at least one request, a reference exactly one.</summary>
    private static async Task Check(string name, HttpResponseMessage response, byte[]? body = null)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{name} answered {(int)response.StatusCode}.");
        }

        var html = body is null ? await response.Content.ReadAsStringAsync() : System.Text.Encoding.UTF8.GetString(body);
        var rows = Rows().Count(html);
        if (rows == 0 || (name.StartsWith("search: reference", StringComparison.Ordinal) && rows != 1))
        {
            throw new InvalidOperationException($"{name} listed {rows} requests.");
        }
    }

    /// <summary>
    /// <c>EXPLAIN QUERY PLAN</c> of each statement, on the seeded database, by the SQLite library the site runs
    /// (its parameters unbound, as SQLite plans without their values); returns the SCAN steps found, of a table or an
    /// index, not of a subquery's page of rows.
    /// </summary>
    private static int Plans(string database, List<(string Case, List<string> Statements)> cases)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using (var version = connection.CreateCommand())
        {
            version.CommandText = "SELECT sqlite_version()";
            Console.WriteLine($"Query plans (SQLite {version.ExecuteScalar()}, the site's own library; the statements as EF Core sent them):");
        }

        var scans = 0;
        foreach (var (name, statements) in cases)
        {
            Console.WriteLine();
            Console.WriteLine($"### {name}");
            foreach (var sql in statements)
            {
                Console.WriteLine();
                Console.WriteLine("```sql");
                Console.WriteLine(sql);
                Console.WriteLine("```");
                using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var parameter in Parameter().Matches(sql).Select(m => m.Value).Distinct())
                {
                    explain.Parameters.AddWithValue(parameter, DBNull.Value);
                }

                var depth = new Dictionary<long, int> { [0] = 0 };
                var subqueries = new HashSet<string>();
                Console.WriteLine("```");
                Console.WriteLine("QUERY PLAN");
                using var reader = explain.ExecuteReader();
                while (reader.Read())
                {
                    var (id, parent, detail) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(3));
                    depth[id] = depth.GetValueOrDefault(parent) + 1;
                    Console.WriteLine($"{new string(' ', 3 * (depth[id] - 1))}--{detail}");
                    // A subquery's own rows (at most a page) are read in full by design; a table's or an index's are not.
                    if (detail.Split(' ') is ["CO-ROUTINE" or "MATERIALIZE", var alias, ..])
                    {
                        subqueries.Add(alias);
                    }

                    scans += detail.Split(' ') is ["SCAN", var scanned, ..] && !subqueries.Contains(scanned) ? 1 : 0;
                }

                Console.WriteLine("```");
            }
        }

        Console.WriteLine();
        return scans;
    }

    /// <summary>The inbox's own statements, not the sign-in's look-up of the staff member.</summary>
    private static bool Inbox(string sql) =>
        sql.Contains("\"AppointmentRequests\"", StringComparison.Ordinal) || sql.Contains("\"RequestFollowUps\"", StringComparison.Ordinal);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }

    [GeneratedRegex("<tr class=\"[^\"]*\">|<tr>\\s*<td>")]
    private static partial Regex Rows();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
