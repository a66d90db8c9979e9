using AbovePT.Bench.Faults;

// Usage: dotnet run -- <published site folder> [scenario ...]
// Each scenario starts its own site process (Production settings, SQLite in a temp folder) and an SMTP
// server on 127.0.0.1, applies one fault, waits (bounded) for every stored request to be e-mailed, and
// prints: posts answered 303 (accepted), rows in the database (sqlite3), front-desk e-mails received,
// duplicates (the same Message-Id received more than once) and anything left undelivered.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Faults <published site folder> [smtp-down|smtp-hang|smtp-4xx|kill-9|load|read-only ...]");
    return 2;
}

var publish = Path.GetFullPath(args[0]);
var chosen = args.Skip(1).ToHashSet(StringComparer.Ordinal);
var failures = 0;
Console.WriteLine(Report.Header);
foreach (var (name, scenario) in Scenarios.All)
{
    if (chosen.Count > 0 && !chosen.Contains(name))
    {
        continue;
    }

    await using var run = await Run.StartAsync(publish, name);
    try
    {
        var notes = await scenario(run);
        var report = await run.ReportAsync(notes);
        Console.WriteLine(report);
        failures += report.Lost == 0 ? 0 : 1;
    }
    catch (Exception exception)
    {
        Console.WriteLine($"{name,-10} FAILED: {exception.Message}");
        Console.WriteLine(run.SiteLogTail());
        failures++;
    }
}

return failures == 0 ? 0 : 1;
