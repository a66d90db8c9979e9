using AbovePT.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>
/// The real site in memory, with its own temporary folder for anything it writes (mail, keys) and its own
/// database (<see cref="TestDatabase"/>: SQLite, or PostgreSQL in test.sh's second run), so every test class owns
/// its data. Settings given here win over appsettings.json.
/// </summary>
public class SiteFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public SiteFactory()
    {
        DataDirectory = Directory.CreateTempSubdirectory("abovept-tests-").FullName;
        _settings["DataProtection:KeysPath"] = Path.Combine(DataDirectory, "keys");
        // The test host's content root is src/AbovePT.Web, which has no content/ of its own.
        _settings["Articles:ContentPath"] = Repository.Content;
        _settings["Mail:Delivery"] = "Pickup";
        _settings["Mail:PickupDirectory"] = Path.Combine(DataDirectory, "mail");
        // The build's static web assets manifest (below) also maps a GET-only catch-all for files added to wwwroot
        // after the build, which turns a POST to any unknown path into 405; published sites have no such route.
        _settings["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
    }

    public string DataDirectory { get; }

    private TestDatabase? _database, _ownDatabase;

    /// <summary>
    /// The database this site uses: one of its own, made on first use and dropped with the site, unless
    /// <see cref="UseDatabase"/> gave it one.
    /// </summary>
    public TestDatabase Database
    {
        get
        {
            if (_database is null)
            {
                // A connection string a test set itself (WithSetting) still wins.
                _database = _ownDatabase = TestDatabase.Create(DataDirectory);
                foreach (var (key, value) in _database.Settings)
                {
                    _settings.TryAdd(key, value);
                }
            }

            return _database!;
        }
    }

    /// <summary>
    /// Points the site at <paramref name="database"/>, which the caller owns: several sites in turn see the same data,
    /// as one site does across a restart. Call before the first request.
    /// </summary>
    public SiteFactory UseDatabase(TestDatabase database)
    {
        _database = database;
        foreach (var (key, value) in database.Settings)
        {
            _settings[key] = value;
        }

        return this;
    }

    /// <summary>
    /// Whether starting the site also waits for the database's first check and migration, which the site
    /// itself runs in the background. On by default, so a test that uses the database through
    /// <c>Services</c> never races the migration; off only for tests of what happens meanwhile.
    /// </summary>
    public bool WaitForFirstDatabaseCheck { get; set; } = true;

    /// <summary>
    /// Serves on a free port of 127.0.0.1, through Kestrel instead of the in-memory test server; call before
    /// <c>StartServer</c>. Not <c>UseKestrel(0)</c>: that sets the port by changing the server's addresses after the
    /// host is built, which races Kestrel's own bind and now and then throws "IServerAddressesFeature.Addresses cannot
    /// be modified after the server has started" (dotnet/aspnetcore#67714). An endpoint of Kestrel's own options is
    /// bound by Kestrel alone.
    /// </summary>
    public void UseKestrelOnFreePort() => UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));

    /// <summary>Overrides one configuration key; call before the first request.</summary>
    public SiteFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development only published output carries the pre-compressed assets, so a browser asking for
        // gzip would get an empty stylesheet; the build's static web assets manifest serves the real files.
        builder.UseStaticWebAssets();
        _ = Database;
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
    }

    private IWebHostEnvironment? _environment;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _environment = host.Services.GetService<IWebHostEnvironment>();
        if (WaitForFirstDatabaseCheck)
        {
            // As a page that uses the database would: the check starts now instead of after its start-up delay.
            var database = host.Services.GetRequiredService<DatabaseStatus>();
            database.WantFirstCheck();
            if (!database.FirstCheck.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("The site's first database check did not finish within 30 s.");
            }
        }

        return host;
    }

    protected override void Dispose(bool disposing)
    {
        // The host never disposes its environment's file providers, and each watcher they started holds one of the
        // machine's 128 inotify instances (per user) until the process ends: a suite of many sites runs out.
        var environment = disposing ? Interlocked.Exchange(ref _environment, null) : null;
        base.Dispose(disposing);
        if (environment is not null)
        {
            DisposeAll(environment.WebRootFileProvider);
            DisposeAll(environment.ContentRootFileProvider);
        }

        if (disposing)
        {
            _ownDatabase?.Dispose();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by the OS is left for the temp cleaner; it holds only test data.
            }
        }
    }

    private static void DisposeAll(IFileProvider provider)
    {
        if (provider is CompositeFileProvider composite)
        {
            foreach (var inner in composite.FileProviders)
            {
                DisposeAll(inner);
            }
        }

        (provider as IDisposable)?.Dispose();
    }
}
