using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AbovePT.Bench.Inbox;

/// <summary>
/// The published site as its own process: Production, plain HTTP on 127.0.0.1 as behind nginx, on the seeded
/// database. Retention is set to its longest (the two years stay), and staff sessions to two hours idle (a long
/// run's pauses end no session). Started with logCommands, EF Core's commands at Information (their
/// text, never their parameters' values) are kept for the plans.
/// </summary>
internal sealed class Site : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly int _port = FreePort();

    private Site(string publish, string folder, bool logCommands)
    {
        var start = new ProcessStartInfo("dotnet", ["AbovePT.Web.dll"])
        {
            WorkingDirectory = publish,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Configure(start, folder);
        start.Environment["ASPNETCORE_URLS"] = Origin;
        if (logCommands)
        {
            start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Origin => $"http://127.0.0.1:{_port}";

    public static async Task<Site> StartAsync(string publish, string folder, bool logCommands = false)
    {
        var site = new Site(publish, folder, logCommands);
        using var client = new HttpClient();
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

    /// <summary><c>staff invite</c> as an operator runs it, with the site's settings: the invitation link's path.</summary>
    public static async Task<string> InviteAsync(string publish, string folder, string email)
    {
        var start = new ProcessStartInfo("dotnet", ["AbovePT.Web.dll", "staff", "invite", "--email", email, "--name", "Bench Admin", "--role", "admin", "--location", "all"])
        {
            WorkingDirectory = publish,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Configure(start, folder);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"staff invite exited {process.ExitCode}: {errors}");
        }

        return new Uri(output.TrimEnd().Split('\n')[^1].Trim()).PathAndQuery;
    }

    /// <summary>The statements EF Core logged since the last call, as they were sent (text only).</summary>
    public List<string> TakeCommands()
    {
        lock (_log)
        {
            var commands = new List<string>();
            for (var i = 0; i < _log.Count; i++)
            {
                if (!_log[i].Contains("Executed DbCommand", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = new List<string>();
                for (i++; i < _log.Count && _log[i].StartsWith("      ", StringComparison.Ordinal); i++)
                {
                    lines.Add(_log[i][6..]);
                }

                i--;
                commands.Add(string.Join('\n', lines));
            }

            _log.Clear();
            return commands;
        }
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
        return ValueTask.CompletedTask;
    }

    private static void Configure(ProcessStartInfo start, string folder)
    {
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ConnectionStrings__Clinic"] = $"Data Source={Path.Combine(folder, "clinic.db")}";
        environment["DataProtection__KeysPath"] = Path.Combine(folder, "keys");
        environment["Site__BaseUrl"] = "https://localhost";
        environment["Mail__Delivery"] = "Pickup";
        environment["Mail__PickupDirectory"] = Path.Combine(folder, "mail");
        environment["Appointments__RetentionDays"] = "3650";
        environment["Staff__IdleTimeout"] = "02:00:00";
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__Console__FormatterName"] = "simple";
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// A staff member's browser: its cookies (kept by hand, since the <c>__Host-</c> cookies are Secure and this is
/// plain HTTP behind a pretend proxy), <c>X-Forwarded-Proto: https</c>, no redirects followed.
/// </summary>
internal sealed class Browser(string origin, Dictionary<string, string>? cookies = null) : IDisposable
{
    public const string Password = "correct horse battery staple bench";

    private readonly Dictionary<string, string> _cookies = cookies is null ? [] : new(cookies);
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(origin),
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Accepts the invitation: a password, then the authenticator app's code from the key on the page.</summary>
    public async Task AcceptAsync(string invitation)
    {
        var form = Form(await PageAsync(invitation));
        form["Password"] = Password;
        form["ConfirmPassword"] = Password;
        var accepted = await PostAsync(form);
        Expect(accepted, HttpStatusCode.Redirect, "the invitation");

        var page = await PageAsync("/staff/authenticator");
        var enrol = Form(page);
        enrol["Code"] = AbovePT.Web.Tests.Infrastructure.Totp.Now(page.QuerySelector("#authenticator-key")!.TextContent);
        Expect(await PostAsync(enrol), HttpStatusCode.OK, "the authenticator's code");
    }

    /// <summary>The inbox's search form: its action and token, read once, as an open page keeps them.</summary>
    public async Task<Dictionary<string, string>> SearchFormAsync() =>
        Form(await PageAsync("/staff/requests"), "form.inbox-search");

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
        {
            var pair = header.Split(';')[0];
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }

        return response;
    }

    public static HttpRequestMessage Post(string path, Dictionary<string, string> form) =>
        new(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form.Where(f => f.Key != "@action")) };

    public async Task<IDocument> PageAsync(string path)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        Expect(response, HttpStatusCode.OK, path);
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await BrowsingContext.New().OpenAsync(r => r.Content(response.Content.ReadAsStream()));

    /// <summary>The cookies, for the same browser on another start of the site (same database and keys).</summary>
    public Dictionary<string, string> Cookies => new(_cookies);

    public void Dispose() => _client.Dispose();

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form) => SendAsync(Post(form["@action"], form));

    private static Dictionary<string, string> Form(IDocument page, string selector = "main form")
    {
        var form = page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form {selector} on the page.");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        fields["@action"] = form.GetAttribute("action")!;
        return fields;
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{what} answered {(int)response.StatusCode}, expected {(int)status}."));
        }
    }
}
