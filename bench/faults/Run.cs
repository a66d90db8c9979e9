using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
    private Process? _site;
    private int _port;
    private int _posted;

    private Run(string name, string publish, TestSmtpServer smtp)
    {
        Name = name;
        _publish = publish;
        Smtp = smtp;
        _folder = Directory.CreateTempSubdirectory($"abovept-{name}-").FullName;
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

    private string Database => Path.Combine(_folder, "clinic.db");

    public static async Task<Run> StartAsync(string publish, string name)
    {
        var run = new Run(name, publish, await TestSmtpServer.StartAsync());
        await run.StartSiteAsync();
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
        var environment = start.Environment;
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
        environment["Appointments__MinimumFillSeconds"] = "0";
        environment["Appointments__RateLimit__PermitLimit"] = "100000";
        environment["Logging__LogLevel__Default"] = "Warning";
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
    public async Task<TimeSpan> PostAsync(int clients, int posts)
    {
        var timer = Stopwatch.StartNew();
        var perClient = Enumerable.Range(0, clients).Select(c => Enumerable.Range(0, posts).Where(p => p % clients == c).ToList());
        await Task.WhenAll(perClient.Select(async numbers =>
        {
            using var client = NewClient();
            foreach (var _ in numbers)
            {
                var status = await PostOneAsync(client, Interlocked.Increment(ref _posted));
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

    /// <summary>Waits (90 s at most) until every stored request's front-desk e-mail is marked sent.</summary>
    public async Task WaitForDeliveryAsync()
    {
        var deadline = DateTime.UtcNow + DeliveryDeadline;
        while (await UndeliveredAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
    }

    public async Task<string> HealthAsync()
    {
        using var client = NewClient();
        var body = await client.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/healthz"));
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("status").GetString() ?? "";
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

    public async Task<Report> ReportAsync(string notes)
    {
        var frontDesk = Smtp.Messages.Where(m => m.MessageId?.StartsWith("front-desk.", StringComparison.Ordinal) == true).ToList();
        var distinct = frontDesk.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count();
        var stored = await CountAsync("SELECT COUNT(*) FROM AppointmentRequests");
        return new Report(Name, _posted, Statuses.GetValueOrDefault(HttpStatusCode.SeeOther), stored, distinct,
            frontDesk.Count - distinct, await UndeliveredAsync(), notes);
    }

    public string SiteLogTail()
    {
        lock (_log)
        {
            return string.Join(Environment.NewLine, _log.TakeLast(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillSite();
        await Smtp.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<HttpStatusCode> PostOneAsync(HttpClient client, int number)
    {
        var origin = $"http://127.0.0.1:{_port}";
        using var page = await client.GetAsync(new Uri($"{origin}/appointments/request"));
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
                new("ContactMethod", "phone"),
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

    private async Task<long> CountAsync(string sql)
    {
        var start = new ProcessStartInfo("sqlite3", ["-readonly", Database, sql]) { RedirectStandardOutput = true };
        using var sqlite = Process.Start(start)!;
        var output = await sqlite.StandardOutput.ReadToEndAsync();
        await sqlite.WaitForExitAsync();
        return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
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
