using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AbovePT.Bench.Scale;

/// <summary>
/// One instance of the published site (Production) on its own port, with the settings every instance shares: the same
/// PostgreSQL database, <c>Site:BaseUrl</c> and SMTP server. Killed with SIGKILL and started again on the same port.
/// </summary>
internal sealed class Instance(string name, string publish, IReadOnlyDictionary<string, string> shared) : IDisposable
{
    private readonly List<string> _log = [];
    private Process? _process;

    public string Name { get; } = name;

    public int Port { get; } = FreePort();

    public Uri Origin => new($"http://127.0.0.1:{Port}");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the site; returns once <c>/healthz</c> answers 200 (the database migrated and ready), within 60 s.</summary>
    public async Task StartAsync()
    {
        _process = Start(["AbovePT.Web.dll"], redirect: true);
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = Browser.NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(Origin, "/healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (!_process.HasExited)
            {
            }

            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} did not become healthy:{Environment.NewLine}{LogTail()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL (kill -9): no shutdown, nothing flushed, e-mails mid-send left to their leases.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary><c>dotnet AbovePT.Web.dll ARGS</c> with this instance's settings, as an administrator runs a command beside it.</summary>
    public async Task<(int ExitCode, string Output)> CommandAsync(params string[] args)
    {
        using var command = Start(["AbovePT.Web.dll", .. args], redirect: true);
        var output = command.StandardOutput.ReadToEndAsync();
        var error = command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (command.ExitCode, await output + await error);
    }

    public string LogTail()
    {
        lock (_log)
        {
            return string.Join(Environment.NewLine, _log.TakeLast(30));
        }
    }

    public void Dispose() => Kill();

    private Process Start(string[] args, bool redirect)
    {
        var start = new ProcessStartInfo("dotnet", args)
        {
            WorkingDirectory = publish,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
        };
        foreach (var (key, value) in shared)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = Origin.ToString().TrimEnd('/');
        return Process.Start(start)!;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The settings of every instance, from the PG* variables pg_virtualenv sets.</summary>
    public static Dictionary<string, string> SharedSettings(string database, int smtpPort)
    {
        var connection = string.Create(CultureInfo.InvariantCulture,
            $"Host={Variable("PGHOST")};Port={Variable("PGPORT")};Username={Variable("PGUSER")};Password={Variable("PGPASSWORD")};Database={database}");
        return new(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Clinic"] = connection,
            ["Site__BaseUrl"] = "https://www.abovept.example",
            ["Mail__Delivery"] = "Smtp",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail__Security"] = "None",
            ["Mail__TimeoutSeconds"] = "2",
            ["Mail__RetryDelay"] = "00:00:00.5",
            ["Mail__MaxRetryDelay"] = "00:00:02",
            // The drill measures delivery, not the provider's per-minute limit (which is per instance).
            ["Mail__MaxMessagesPerMinute"] = "0",
            ["Appointments__MinimumFillSeconds"] = "0",
            ["Appointments__RateLimit__PermitLimit"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Database__RecheckSeconds"] = "2",
        };
    }

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run this under pg_virtualenv (bench/scale.sh does).");
}
