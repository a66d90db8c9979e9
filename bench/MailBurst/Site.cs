using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AbovePT.Bench.MailBurst;

/// <summary>
/// The published site as its own process: Production, 127.0.0.1, SQLite and keys in a temp folder, sending to
/// the SMTP server on 127.0.0.1 with the burst's connection and rate settings (started as bench/faults does).
/// </summary>
internal sealed class Site : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("abovept-mail-burst-").FullName;
    private readonly List<string> _log = [];
    private readonly Process _process;
    private readonly int _port = FreePort();

    private Site(Options options, int smtpPort)
    {
        var start = new ProcessStartInfo("dotnet", ["AbovePT.Web.dll"])
        {
            WorkingDirectory = options.Publish,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_URLS"] = Origin;
        environment["ConnectionStrings__Clinic"] = $"Data Source={Path.Combine(_folder, "clinic.db")}";
        environment["DataProtection__KeysPath"] = Path.Combine(_folder, "keys");
        environment["Mail__Delivery"] = "Smtp";
        environment["Mail__Host"] = "127.0.0.1";
        environment["Mail__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        environment["Mail__Security"] = "None";
        environment["Mail__TimeoutSeconds"] = options.SmtpTimeoutSeconds.ToString(CultureInfo.InvariantCulture);
        environment["Mail__MaxConnections"] = options.Connections.ToString(CultureInfo.InvariantCulture);
        environment["Mail__MaxMessagesPerMinute"] = options.PerMinute.ToString(CultureInfo.InvariantCulture);
        environment["Appointments__MinimumFillSeconds"] = "0";
        environment["Appointments__RateLimit__PermitLimit"] = "100000";
        environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private string Origin => $"http://127.0.0.1:{_port}";

    public static async Task<Site> StartAsync(Options options, int smtpPort)
    {
        var site = new Site(options, smtpPort);
        using var client = NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"{site.Origin}/healthz"));
                return site;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !site._process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>
    /// What one patient's browser holds before pressing Send: its own client (connection already open), the
    /// antiforgery cookie and the filled form with its token.
    /// </summary>
    /// <remarks>
    /// Without <paramref name="consent"/> the post is refused (the form comes back) and nothing is stored or sent:
    /// a warm-up of the post's path that leaves the queue and the rate limit alone.
    /// </remarks>
    public async Task<Patient> OpenFormAsync(int number, bool consent = true)
    {
        var client = NewClient();
        using var page = await client.GetAsync(new Uri($"{Origin}/appointments/request"));
        var cookies = string.Join("; ", page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);
        var document = await BrowsingContext.New().OpenAsync(r => r.Content(page.Content.ReadAsStream()));
        var form = document.QuerySelector<IHtmlFormElement>("form.appt-form") ?? throw new InvalidOperationException("no form");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(
            [
                new("Location", number % 2 == 0 ? "phoenix" : "queen-creek"),
                new("FirstName", "Burst"),
                new("LastName", "Patient" + Letters(number)),
                new("Phone", "(480) 555-0134"),
                new("Email", $"burst.patient{number}@example.com"),
                new("ContactMethod", "email"),
                new("PatientType", "new"),
                new("Reason", "knee"),
                new("Referral", "no"),
                new("Consent", "true"),
            ])
            .Where(field => consent || field.Key != "Consent")
            .ToList();
        return new Patient(client, new Uri(new Uri(Origin), form.GetAttribute("action")!), cookies, fields);
    }

    public string LogTail()
    {
        lock (_log)
        {
            return string.Join(Environment.NewLine, _log.TakeLast(30));
        }
    }

    public ValueTask DisposeAsync()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>A browser behind nginx: cookies passed by hand, <c>X-Forwarded-Proto: https</c> (believed from loopback).</summary>
    private static HttpClient NewClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
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

    private static string Letters(int number) =>
        new([.. number.ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + (d - '0')))]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A filled form, ready to be posted once.</summary>
internal sealed class Patient(HttpClient client, Uri action, string cookies, IReadOnlyList<KeyValuePair<string, string>> fields) : IDisposable
{
    public async Task<HttpStatusCode> PostAsync()
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
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

    public void Dispose() => client.Dispose();
}
