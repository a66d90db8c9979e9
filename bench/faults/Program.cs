using AbovePT.Bench.Faults;

// Usage: dotnet run -- <published site folder> [scenario ...]
// Each scenario starts its own site process (Production settings, SQLite in a temp folder) and an SMTP
// server on 127.0.0.1, applies one fault, waits (bounded) for every stored request to be e-mailed, and
// prints: posts answered 303 (accepted) and 503, rows in the database (sqlite3), front-desk e-mails and
// patients' confirmations received, duplicates (the same Message-Id received more than once) and anything
// left undelivered. A scenario that cannot run here (no permission to mount) says "skipped" and why.
if (args.Length == 0)
{
    Console.Error.WriteLine($"usage: Faults <published site folder> [{string.Join('|', Scenarios.All.Select(s => s.Name))} ...]");
    return 2;
}

var publish = Path.GetFullPath(args[0]);
var chosen = args.Skip(1).ToHashSet(StringComparer.Ordinal);
var unknown = chosen.Except(Scenarios.All.Select(s => s.Name)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown scenario(s): {string.Join(", ", unknown)}");
    return 2;
}

var failures = 0;
var skipped = new List<string>();
Console.WriteLine(Report.Header);
foreach (var scenario in Scenarios.All)
{
    if (chosen.Count > 0 && !chosen.Contains(scenario.Name))
    {
        continue;
    }

    await using var run = await Run.StartAsync(publish, scenario.Name, startSite: !scenario.StartsOwnSite);
    try
    {
        var notes = await scenario.Body(run);
        var report = await run.ReportAsync(notes);
        Console.WriteLine(report);
        failures += report.Lost == 0 && report.FailedChecks == 0 ? 0 : 1;
    }
    catch (SkippedException skip)
    {
        Console.WriteLine($"{scenario.Name,-18} skipped: {skip.Message}");
        skipped.Add(scenario.Name);
    }
    catch (Exception exception)
    {
        Console.WriteLine($"{scenario.Name,-18} FAILED: {exception.Message}");
        Console.WriteLine(run.SiteLogTail());
        failures++;
    }
}

if (skipped.Count > 0)
{
    Console.WriteLine($"Skipped, so no result (neither pass nor fail): {string.Join(", ", skipped)}");
}

return failures == 0 ? 0 : 1;
