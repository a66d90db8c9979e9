using System.Net;
using System.Security.Cryptography;
using AbovePT.Web.Data;
using AbovePT.Web.Data.PostgreSql;
using AbovePT.Web.Operations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Hosting.Security;

public static partial class SecurityServiceCollectionExtensions
{
    /// <summary>The fixed Data Protection application name, so keys stay valid whatever folder the site runs from.</summary>
    internal const string ApplicationName = "AbovePT";

    internal const string AntiforgeryCookieName = "__Host-abovept-antiforgery";

    /// <summary>
    /// Used over plain http in Development and Testing, where browsers would reject a <c>__Host-</c> cookie
    /// because it cannot be Secure.
    /// </summary>
    internal const string LocalAntiforgeryCookieName = "abovept-antiforgery";

    /// <summary>
    /// Security headers, HTTPS, antiforgery cookie, persisted Data Protection keys, trusted proxies and
    /// cache profiles.
    /// </summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        services.AddOptions<KeyStorageOptions>()
            .BindConfiguration(KeyStorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, ConfigureKeyStorage>();
        // For the keys' repository, which asks for its own context type; resolved only when the provider is PostgreSQL.
        services.AddScoped(provider => (PostgreSqlClinicDbContext)provider.GetRequiredService<ClinicDbContext>());
        services.AddSingleton<IAfterMigrations, KeyRing>();

        services.AddOptions<TrustedProxyOptions>()
            .BindConfiguration(TrustedProxyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ConfigureForwardedHeaders>();

        services.AddSingleton<IConfigureOptions<AntiforgeryOptions>, ConfigureAntiforgery>();
        services.AddSingleton<IConfigureOptions<HttpsRedirectionOptions>, ConfigureHttpsRedirection>();
        services.Configure<MvcOptions>(options =>
        {
            options.CacheProfiles[CacheProfiles.PublicPage] = new CacheProfile
            {
                Duration = CacheProfiles.PublicPageSeconds,
                Location = ResponseCacheLocation.Any,
            };
            options.CacheProfiles[CacheProfiles.NoStore] = new CacheProfile
            {
                NoStore = true,
                Location = ResponseCacheLocation.None,
            };
        });
        return services;
    }

    /// <summary>
    /// Call after every other registration: takes away Data Protection's own start-up service, which antiforgery,
    /// the cookies and Identity each add again when it is missing. It loads (on a first start, makes) the key ring
    /// before the server listens, and building Data Protection loads the XML and cryptography stack, none of which a
    /// first article needs. The ring is loaded after the database's first check instead (<see cref="KeyRing"/>), or by
    /// the first page that protects something if one comes sooner (docs/quality.md, "Cold start").
    /// </summary>
    public static IServiceCollection LoadKeyRingAfterTheDatabase(this IServiceCollection services)
    {
        var dataProtection = typeof(KeyManagementOptions).Assembly;
        var startUpLoads = services
            .Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService && d.ImplementationType?.Assembly == dataProtection)
            .ToList();
        foreach (var descriptor in startUpLoads)
        {
            services.Remove(descriptor);
        }

        return services;
    }

    /// <summary>Runs first, so every response, including redirects and error pages, is covered.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var production = !IsLocal(app.Environment);
        if (production)
        {
            app.UseWhen(context => !IsLocalHealthProbe(context), https => https.UseHttpsRedirection());
        }

        app.UseMiddleware<SecurityHeadersMiddleware>(production);
        return app;
    }

    /// <summary>
    /// The monitor on this machine polls <c>http://127.0.0.1:5000/healthz</c> past nginx, where there is no
    /// HTTPS to be sent to. Runs after the forwarded headers, so a request nginx forwards for a client
    /// elsewhere carries that client's address and is redirected like any other.
    /// </summary>
    private static bool IsLocalHealthProbe(HttpContext context) =>
        context.Request.Path == OperationsServiceCollectionExtensions.HealthPath
        && context.Connection.RemoteIpAddress is { } client
        && IPAddress.IsLoopback(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client);

    /// <summary>Development and the test host run over plain http on the developer's machine.</summary>
    internal static bool IsLocal(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>
    /// On SQLite the keys are files in <see cref="KeyStorageOptions.KeysPath"/>; on PostgreSQL rows every instance
    /// reads, so a token one instance issued is good on all.
    /// </summary>
    private sealed class ConfigureKeyStorage(
        IOptions<KeyStorageOptions> storage, ClinicStore store, IServiceProvider services,
        IHostEnvironment environment, ILoggerFactory loggerFactory)
        : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options)
        {
            if (store.Provider == DatabaseProvider.PostgreSql)
            {
                options.XmlRepository = new EntityFrameworkCoreXmlRepository<PostgreSqlClinicDbContext>(services, loggerFactory);
            }
            else
            {
                var path = Path.GetFullPath(storage.Value.KeysPath, environment.ContentRootPath);
                options.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(path), loggerFactory);
            }
        }
    }

    /// <summary>
    /// The key ring, loaded once the database is migrated (on PostgreSQL the keys are rows in it) and before the
    /// appointment pages, which protect their forms, are served (they wait for the database). Instances that start
    /// together on an empty PostgreSQL key ring would each make a first key (dotnet/aspnetcore#3514, #50440), and a
    /// token from one would fail on the other until their rings refresh: there the first key is made by one instance
    /// at a time, and the next finds it.
    /// </summary>
    private sealed partial class KeyRing(ClinicStore store, IServiceProvider services, TimeProvider time, ILogger<KeyRing> logger) : IAfterMigrations
    {
        public async Task RunAsync(ClinicDbContext db, CancellationToken cancellationToken)
        {
            // Resolved here rather than injected: building Data Protection is part of what the start leaves for later.
            if (!store.SingleInstance)
            {
                var keys = services.GetRequiredService<IKeyManager>();
                var lifetime = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime;
                await store.RunAloneAsync(db, "data-protection-first-key", wait: true, () =>
                {
                    if (keys.GetAllKeys().Count == 0)
                    {
                        var now = time.GetUtcNow();
                        keys.CreateNewKey(activationDate: now, expirationDate: now + lifetime);
                    }

                    return Task.FromResult(0);
                }, cancellationToken);
            }

            try
            {
                services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
            {
                // What Data Protection's own start-up service did: say so, and let the first page that needs a key try
                // again (and fail with the full error) rather than calling the database unusable for the keys' sake.
                LogKeyRingUnavailable(logger, exception.GetType().Name);
            }
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Data Protection keys could not be loaded ({Error}); forms and staff sign-in fail until they can: check DataProtection:KeysPath")]
        private static partial void LogKeyRingUnavailable(ILogger logger, string error);
    }

    private sealed class ConfigureForwardedHeaders(IOptions<TrustedProxyOptions> proxies)
        : IConfigureOptions<ForwardedHeadersOptions>
    {
        public void Configure(ForwardedHeadersOptions options)
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var trusted = proxies.Value;
            if (trusted.KnownProxies.Count == 0 && trusted.KnownNetworks.Count == 0)
            {
                return; // The framework's default: loopback only.
            }

            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        }
    }

    private sealed class ConfigureAntiforgery(IHostEnvironment environment) : IConfigureOptions<AntiforgeryOptions>
    {
        public void Configure(AntiforgeryOptions options)
        {
            var local = IsLocal(environment);
            options.Cookie.Name = local ? LocalAntiforgeryCookieName : AntiforgeryCookieName;
            // Antiforgery refuses to run over http with Always, and Development and tests are plain http.
            options.Cookie.SecurePolicy = local ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.Path = "/";
            // SecurityHeadersMiddleware sends X-Frame-Options: DENY on every response.
            options.SuppressXFrameOptionsHeader = true;
        }
    }

    private sealed class ConfigureHttpsRedirection(IConfiguration configuration) : IConfigureOptions<HttpsRedirectionOptions>
    {
        public void Configure(HttpsRedirectionOptions options)
        {
            options.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            // Behind the proxy Kestrel has no https endpoint to copy the port from; the public one is 443
            // unless HTTPS_PORT (ASPNETCORE_HTTPS_PORT) says otherwise.
            options.HttpsPort = configuration.GetValue<int?>("HTTPS_PORT") ?? 443;
        }
    }
}
