using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using AbovePT.Web.Tests.Infrastructure;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AbovePT.Bench.Faults;

/// <summary>One scenario's world: a temp folder with the database and keys, an SMTP server, the site process.</summary>
internal sealed class Run : IAsyncDisposable
{
    private static readonly TimeSpan DeliveryDeadline = TimeSpan.FromSeconds(90);
    private readonly string _publish;
    private readonly string _folder;
    private readonly List<string> _log = [];
    private readonly Dictionary<HttpStatusCode, int> _statuses = [];
    private readonly List<string> _failedChecks = [];
    private readonly List<Action> _cleanups = [];
    private Process? _site;
    private int _port;
    private int _posted;
    private int _formRefused;

    private Run(string name, string publish, TestSmtpServer smtp)
    {
        Name = name;
        _publish = publish;
        Smtp = smtp;
        _folder = Directory.CreateTempSubdirectory($"abovept-{name}-").FullName;
        DatabaseFolder = _folder;
    }

    public string Name { get; }

    public TestSmtpServer Smtp { get; }

    public IReadOnlyDictionary<HttpStatusCode, int> Statuses
    {
        get
        {
            lock (_statuses)
            {
                return new Dictionary<HttpStatusCode, int>(_statuses);
            }
        }
    }

    /// <summary>The folder that holds the database; a scenario may move it (to a small disk) before the first start.</summary>
    public string DatabaseFolder { get; private set; }

    /// <summary>The database file, as the site's connection string names it.</summary>
    public string Database => Path.Combine(DatabaseFolder, "clinic.db");

    /// <summary>Posts whose form page (GET) was not 200, so nothing was posted; counted under that status.</summary>
    public int FormRefused => Volatile.Read(ref _formRefused);

    /// <summary>What a scenario checked and found wrong; any entry fails the run.</summary>
    public IReadOnlyList<string> FailedChecks => _failedChecks;

    /// <summary>Starts the SMTP server, and the site unless the scenario prepares its world first.</summary>
    public static async Task<Run> StartAsync(string publish, string name, bool startSite = true)
    {
        var run = new Run(name, publish, await TestSmtpServer.StartAsync());
        if (startSite)
        {
            await run.StartSiteAsync();
        }

        return run;
    }

    public async Task StartSiteAsync()
    {
        _port = FreePort();
        var start = new ProcessStartInfo("dotnet", ["AbovePT.Web.dll"])
        {
            WorkingDirectory = _publish,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in SiteEnvironment())
        {
            start.Environment[key] = value;
        }

        _site = Process.Start(start)!;
        _site.OutputDataReceived += (_, e) => Keep(e.Data);
        _site.ErrorDataReceived += (_, e) => Keep(e.Data);
        _site.BeginOutputReadLine();
        _site.BeginErrorReadLine();

        using var client = NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{_port}/healthz"));
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_site.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>
    /// <c>dotnet AbovePT.Web.dll ARGS</c> in the publish folder with the site's own environment, as an
    /// administrator runs the <c>requests</c> command next to the running site. Returns its exit code and output.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunSiteCommandAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["AbovePT.Web.dll", .. args])
        {
            WorkingDirectory = _publish,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in SiteEnvironment())
        {
            start.Environment[key] = value;
        }

        using var command = Process.Start(start)!;
        var output = command.StandardOutput.ReadToEndAsync();
        var error = command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (command.ExitCode, (await output) + (await error));
    }

    private Dictionary<string, string> SiteEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}";
        environment["ConnectionStrings__Clinic"] = $"Data Source={Database}";
        environment["DataProtection__KeysPath"] = Path.Combine(_folder, "keys");
        environment["Mail__Delivery"] = "Smtp";
        environment["Mail__Host"] = "127.0.0.1";
        environment["Mail__Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture);
        environment["Mail__Security"] = "None";
        environment["Mail__TimeoutSeconds"] = "2";
        environment["Mail__RetryDelay"] = "00:00:00.5";
        environment["Mail__MaxRetryDelay"] = "00:00:02";
        // The drill measures delivery, not the provider's per-minute limit (Mail:MaxMessagesPerMinute, 30 by default).
        environment["Mail__MaxMessagesPerMinute"] = "0";
        environment["Appointments__MinimumFillSeconds"] = "0";
        environment["Appointments__RateLimit__PermitLimit"] = "100000";
        environment["Logging__LogLevel__Default"] = "Warning";
        // An unusable database is looked at again every 2 s (30 s in production), so recovery is measurable.
        environment["Database__RecheckSeconds"] = "2";
        return environment;
    }

    /// <summary>SIGTERM and wait: the site shuts down the way systemd stops it.</summary>
    public async Task StopSiteAsync()
    {
        if (_site is null)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _site.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _site.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _site.Dispose();
        _site = null;
    }

    /// <summary>SIGKILL (kill -9): no shutdown, no flush, nothing.</summary>
    public void KillSite()
    {
        _site?.Kill();
        _site?.WaitForExit();
        _site?.Dispose();
        _site = null;
    }

    /// <summary><paramref name="posts"/> appointment requests from <paramref name="clients"/> browsers at once.</summary>
    /// <remarks>With <paramref name="withEmail"/> each patient gives an e-mail address, so a confirmation is due too.</remarks>
    public async Task<TimeSpan> PostAsync(int clients, int posts, bool withEmail = false)
    {
        var timer = Stopwatch.StartNew();
        var perClient = Enumerable.Range(0, clients).Select(c => Enumerable.Range(0, posts).Where(p => p % clients == c).ToList());
        await Task.WhenAll(perClient.Select(async numbers =>
        {
            using var client = NewClient();
            foreach (var _ in numbers)
            {
                var status = await PostOneAsync(client, Interlocked.Increment(ref _posted), withEmail);
                lock (_statuses)
                {
                    _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
                }
            }
        }));
        return timer.Elapsed;
    }

    public async Task<long> UndeliveredAsync() =>
        await CountAsync("SELECT COUNT(*) FROM AppointmentRequests WHERE FrontDeskMail_Status <> 'Sent'");

    /// <summary>Patients' confirmations due (an address was given) and not yet marked sent.</summary>
    public async Task<long> ConfirmationsUndeliveredAsync() =>
        await CountAsync("SELECT COUNT(*) FROM AppointmentRequests WHERE PatientMail_Status NOT IN ('Sent', 'None')");

    /// <summary>Waits (90 s at most) until every stored request's front-desk e-mail is marked sent.</summary>
    public async Task WaitForDeliveryAsync() =>
        await WaitUntilAsync(async () => await UndeliveredAsync() == 0, DeliveryDeadline);

    /// <summary>Polls <paramref name="condition"/> every 250 ms for at most <paramref name="limit"/>; false if it never held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(250);
        }

        return true;
    }

    /// <summary>Waits (bounded) until the request form answers 200; returns how long that took, or null if it never did.</summary>
    public async Task<TimeSpan?> WaitForFormAsync(TimeSpan limit)
    {
        var timer = Stopwatch.StartNew();
        return await WaitUntilAsync(async () => await StatusAsync("/appointments/request") == HttpStatusCode.OK, limit)
            ? timer.Elapsed
            : null;
    }

    /// <summary><c>/healthz</c> as a monitor reads it: "Degraded", or "503 Unhealthy" when not 200.</summary>
    public async Task<string> HealthAsync()
    {
        var (code, status, _) = await HealthReportAsync();
        return code == HttpStatusCode.OK ? status : $"{(int)code} {status}";
    }

    public async Task<(HttpStatusCode Code, string Status, string Description)> HealthReportAsync()
    {
        using var client = NewClient();
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{_port}/healthz"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var description = json.RootElement.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
        return (response.StatusCode, json.RootElement.GetProperty("status").GetString() ?? "", description);
    }

    /// <summary>The status code of a GET, no redirects followed.</summary>
    public async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var client = NewClient();
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{_port}{path}"));
        return response.StatusCode;
    }

    /// <summary>A POST of the form with no token, as from a page opened before the fault: the status only.</summary>
    public async Task<HttpStatusCode> PostWithoutFormAsync()
    {
        using var client = NewClient();
        using var content = new FormUrlEncodedContent([new("FirstName", "Bench")]);
        using var response = await client.PostAsync(new Uri($"http://127.0.0.1:{_port}/appointments/request"), content);
        return response.StatusCode;
    }

    /// <summary>Records a check; a false one is printed with the row and fails the run.</summary>
    public bool Check(bool ok, string what)
    {
        if (!ok)
        {
            _failedChecks.Add(what);
        }

        return ok;
    }

    /// <summary>
    /// Site log lines (stdout and stderr) containing <paramref name="text"/>, by the logger category named on the
    /// console formatter's header line before each message.
    /// </summary>
    public IReadOnlyDictionary<string, int> LogLinesContaining(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var category = "?";
        lock (_log)
        {
            foreach (var line in _log)
            {
                if (line.Length > 6 && line[4] == ':' && line[5] == ' ' && !line.StartsWith(' '))
                {
                    var end = line.IndexOf('[', 6);
                    category = end > 6 ? line[6..end] : line[6..];
                    category = category[(category.LastIndexOf('.') + 1)..];
                }

                if (line.Contains(text, StringComparison.Ordinal))
                {
                    counts[category] = counts.GetValueOrDefault(category) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>The database file overwritten with random bytes (its -wal and -shm removed), as by a bad copy.</summary>
    public void CorruptDatabase()
    {
        DeleteDatabaseSideFiles();
        File.WriteAllBytes(Database, RandomNumberGenerator.GetBytes(64 * 1024));
    }

    /// <summary>The administrator's fix: the broken file moved aside (the site then creates and migrates a new one).</summary>
    public void MoveDatabaseAside()
    {
        File.Move(Database, Database + ".broken");
        DeleteDatabaseSideFiles();
    }

    /// <summary>
    /// The database folder becomes a tmpfs of <paramref name="size"/> (before the site's first start), unmounted
    /// when the run is disposed, after the site is stopped. Throws <see cref="SkippedException"/> when mount is
    /// not permitted.
    /// </summary>
    public void UseSmallDisk(string size)
    {
        var folder = Path.Combine(_folder, "small-disk");
        Directory.CreateDirectory(folder);
        var (code, error) = Capture("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", folder);
        if (code != 0)
        {
            var said = string.Join(' ', error.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new SkippedException($"needs root to mount a tmpfs (mount: {said})");
        }

        _cleanups.Add(() =>
        {
            if (Capture("umount", folder).ExitCode != 0)
            {
                Capture("umount", "-l", folder);
            }
        });
        DatabaseFolder = folder;
    }

    /// <summary>A filler file next to the database written until the disk refuses more (ENOSPC); returns its path and size.</summary>
    public (string Path, long Bytes) FillDisk()
    {
        var filler = Path.Combine(DatabaseFolder, "filler");
        long written = 0;
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var chunk in new[] { 64 * 1024, 4096, 512, 1 })
        {
            var bytes = new byte[chunk];
            for (var i = 0; i < 100_000; i++)
            {
                try
                {
                    stream.Write(bytes);
                    written += chunk;
                }
                catch (IOException)
                {
                    break;
                }
            }
        }

        return (filler, written);
    }

    /// <summary>
    /// The database file becomes read-only until disposed: immutable (chattr) when running as root, which
    /// ignores file modes, otherwise chmod 444.
    /// </summary>
    public IDisposable MakeDatabaseReadOnly()
    {
        var root = Environment.UserName == "root";
        Shell(root ? "chattr" : "chmod", root ? "+i" : "444", Database);
        return new Restore(() => Shell(root ? "chattr" : "chmod", root ? "-i" : "644", Database));
    }

    /// <summary>Message-Ids received of one kind ("front-desk" or "confirmation"), in arrival order, repeats included.</summary>
    public List<string> Received(string kind) =>
        [.. Smtp.Messages.Select(m => m.MessageId ?? "").Where(id => id.StartsWith(kind + ".", StringComparison.Ordinal))];

    /// <summary>Message-Ids received more than once, of either kind.</summary>
    public int Duplicates()
    {
        var ids = Smtp.Messages.Select(m => m.MessageId ?? "").ToList();
        return ids.Count - ids.Distinct(StringComparer.Ordinal).Count();
    }

    public async Task<Report> ReportAsync(string notes)
    {
        var frontDesk = Received("front-desk").Distinct(StringComparer.Ordinal).Count();
        var confirmations = Received("confirmation").Distinct(StringComparer.Ordinal).Count();
        var stored = await CountAsync("SELECT COUNT(*) FROM AppointmentRequests");
        var confirmationsDue = await CountAsync("SELECT COUNT(*) FROM AppointmentRequests WHERE PatientMail_Status <> 'None'");
        var undelivered = await UndeliveredAsync() + await ConfirmationsUndeliveredAsync();
        if (_failedChecks.Count > 0)
        {
            notes += " | CHECK FAILED: " + string.Join("; ", _failedChecks);
        }

        return new Report(Name, _posted, Statuses.GetValueOrDefault(HttpStatusCode.SeeOther),
            Statuses.GetValueOrDefault(HttpStatusCode.ServiceUnavailable), stored, frontDesk, confirmations, confirmationsDue,
            Duplicates(), undelivered, _failedChecks.Count, notes);
    }

    public string SiteLogTail()
    {
        lock (_log)
        {
            return string.Join(Environment.NewLine, _log.TakeLast(30));
        }
    }

    /// <summary>Stops the site, then undoes what the scenario set up (a mount), then removes the run's folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            KillSite();
        }
        finally
        {
            foreach (var cleanup in Enumerable.Reverse(_cleanups))
            {
                cleanup();
            }

            await Smtp.DisposeAsync();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException exception)
            {
                await Console.Error.WriteLineAsync($"{Name}: could not remove {_folder}: {exception.Message}");
            }
        }
    }

    private void DeleteDatabaseSideFiles()
    {
        File.Delete(Database + "-wal");
        File.Delete(Database + "-shm");
    }

    private async Task<HttpStatusCode> PostOneAsync(HttpClient client, int number, bool withEmail)
    {
        var origin = $"http://127.0.0.1:{_port}";
        using var page = await client.GetAsync(new Uri($"{origin}/appointments/request"));
        if (page.StatusCode != HttpStatusCode.OK)
        {
            // The form itself is refused (503 while the database is unusable): the patient cannot post.
            Interlocked.Increment(ref _formRefused);
            return page.StatusCode;
        }

        var cookies = string.Join("; ", page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);
        var document = await BrowsingContext.New().OpenAsync(r => r.Content(page.Content.ReadAsStream()));
        var form = document.QuerySelector<IHtmlFormElement>("form.appt-form") ?? throw new InvalidOperationException("no form");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(
            [
                new("Location", number % 2 == 0 ? "phoenix" : "queen-creek"),
                new("FirstName", "Bench"),
                new("LastName", "Patient" + Letters(number)),
                new("Phone", "(480) 555-0134"),
                new("ContactMethod", withEmail ? "email" : "phone"),
                new("Email", withEmail ? $"patient{Letters(number)}@example.com" : ""),
                new("PatientType", "new"),
                new("Reason", "knee"),
                new("Referral", "no"),
                new("Consent", "true"),
            ]);
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(origin), form.GetAttribute("action")!))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        post.Headers.Add("Cookie", cookies);
        try
        {
            using var response = await client.SendAsync(post);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>
    /// A browser behind nginx: no cookie jar of its own (the cookies are passed by hand) and
    /// <c>X-Forwarded-Proto: https</c>, which the site believes from loopback, as it would from nginx.
    /// </summary>
    private static HttpClient NewClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    /// <summary>One number from <c>sqlite3 -readonly</c> on the database file, as an administrator would ask.</summary>
    public async Task<long> CountAsync(string sql)
    {
        var start = new ProcessStartInfo("sqlite3", ["-readonly", Database, sql]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var sqlite = Process.Start(start)!;
        var output = sqlite.StandardOutput.ReadToEndAsync();
        var error = sqlite.StandardError.ReadToEndAsync();
        await sqlite.WaitForExitAsync();
        return long.TryParse((await output).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new InvalidOperationException($"sqlite3 \"{sql}\": {(await error).Trim()}");
    }

    /// <summary>Rows of <c>sqlite3 -readonly</c> output, one line each, columns separated by '|'.</summary>
    public async Task<List<string>> QueryAsync(string sql)
    {
        var start = new ProcessStartInfo("sqlite3", ["-readonly", Database, sql]) { RedirectStandardOutput = true };
        using var sqlite = Process.Start(start)!;
        var output = await sqlite.StandardOutput.ReadToEndAsync();
        await sqlite.WaitForExitAsync();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }
    }

    private static (int ExitCode, string Error) Capture(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }

    private static void Shell(string command, params string[] args)
    {
        using var process = Process.Start(command, args);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.ExitCode}).");
        }
    }

    private static string Letters(int number) =>
        new([.. number.ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + (d - '0')))]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
