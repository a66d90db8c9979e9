// Booking POST latency with a mail server that answers at once vs one that waits 5 s per message.
// Starts both SMTP servers on 127.0.0.1, one published site per server, books alternately on each
// (open the form, then time only the POST, as a patient's browser would), and prints p50/p99 and the ratio.
//
//   dotnet run --project bench/BookingBench -c Release -- <AbovePT.Web.dll> <cert.pem> <key.pem> [bookings]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AbovePT.Web.Tests.Infrastructure;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: BookingBench <AbovePT.Web.dll> <cert.pem> <key.pem> [bookings]");
    return 2;
}

var (siteDll, cert, key) = (Path.GetFullPath(args[0]), args[1], args[2]);
var bookings = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
const int Warmup = 20;

await using var fastSmtp = await TestSmtpServer.StartAsync();
await using var slowSmtp = await TestSmtpServer.StartAsync();
slowSmtp.ResponseDelay = TimeSpan.FromSeconds(5);

using var fast = Site.Start(siteDll, cert, key, 5201, fastSmtp.Port);
using var slow = Site.Start(siteDll, cert, key, 5202, slowSmtp.Port);
await Task.WhenAll(fast.WaitUntilUpAsync(), slow.WaitUntilUpAsync());

var fastTimes = new List<double>();
var slowTimes = new List<double>();
for (var i = 0; i < Warmup + bookings; i++)
{
    var location = i % 2 == 0 ? "queen-creek" : "phoenix";
    var f = await fast.BookAsync(location, i);
    var s = await slow.BookAsync(location, i);
    if (i >= Warmup)
    {
        fastTimes.Add(f);
        slowTimes.Add(s);
    }
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}

var (fast50, fast99, slow50, slow99) = (Percentile(fastTimes, 0.50), Percentile(fastTimes, 0.99), Percentile(slowTimes, 0.50), Percentile(slowTimes, 0.99));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bookings per server: {bookings} (after {Warmup} warm-up), one at a time, alternating servers"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SMTP answering at once : p50 {fast50,7:F2} ms   p99 {fast99,7:F2} ms   e-mails received meanwhile: {fastSmtp.Messages.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SMTP waiting 5 s/msg   : p50 {slow50,7:F2} ms   p99 {slow99,7:F2} ms   e-mails received meanwhile: {slowSmtp.Messages.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio slow/fast        : p50 {slow50 / fast50:F2}x   p99 {slow99 / fast99:F2}x   (goal: p50 <= 1.2x)"));
return slow50 <= 1.2 * fast50 ? 0 : 1;

/// <summary>One published site in Production over HTTPS on 127.0.0.1, sending mail to one of the test servers.</summary>
internal sealed partial class Site : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _client;
    private readonly string _data;

    private Site(Process process, HttpClient client, string data)
    {
        _process = process;
        _client = client;
        _data = data;
    }

    public static Site Start(string dll, string cert, string key, int port, int smtpPort)
    {
        var data = Directory.CreateTempSubdirectory("abovept-bench-").FullName;
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"https://127.0.0.1:{port}",
            ["ASPNETCORE_HTTPS_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["Kestrel__Certificates__Default__Path"] = cert,
            ["Kestrel__Certificates__Default__KeyPath"] = key,
            ["DataProtection__KeysPath"] = Path.Combine(data, "keys"),
            ["Site__BaseUrl"] = $"https://localhost:{port}",
            ["ConnectionStrings__Clinic"] = $"Data Source={Path.Combine(data, "clinic.db")}",
            ["Mail__Delivery"] = "Smtp",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail__Security"] = "None",
            ["Appointments__MinimumFillSeconds"] = "0",
            ["Appointments__RateLimit__PermitLimit"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[site {port}] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Loopback only, to a certificate made for this run a moment ago.
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        return new Site(process, client, data);
    }

    public async Task WaitUntilUpAsync()
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await _client.GetAsync("/appointments/request")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"The site at {_client.BaseAddress} did not start.");
    }

    /// <summary>Opens the form (not timed), posts a valid request and returns the POST's latency in milliseconds.</summary>
    public async Task<double> BookAsync(string location, int number)
    {
        var page = await _client.GetStringAsync("/appointments/request");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden().Match(page).Groups[1].Value,
            ["FormToken"] = FormToken().Match(page).Groups[1].Value,
            ["Location"] = location,
            ["FirstName"] = "Bench",
            ["LastName"] = $"Patient{number}",
            ["Phone"] = "480-555-0134",
            ["Email"] = "bench@example.com",
            ["ContactMethod"] = "phone",
            ["PatientType"] = "new",
            ["Reason"] = "knee",
            ["Referral"] = "no",
            ["Consent"] = "true",
        };

        var watch = Stopwatch.StartNew();
        using var response = await _client.PostAsync("/appointments/request", new FormUrlEncodedContent(fields));
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Booking answered {(int)response.StatusCode}, expected 303.");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    public void Dispose()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Hidden();

    [GeneratedRegex("name=\"FormToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
