using AbovePT.Web.Data.PostgreSql;
using AbovePT.Web.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AbovePT.Web.Data;

public static class DataServiceCollectionExtensions
{
    private const string DefaultSqliteConnectionString = "Data Source=data/clinic.db";

    /// <summary>
    /// The database behind <c>Database:Provider</c> and <c>ConnectionStrings:Clinic</c> (<see cref="ClinicStore"/>),
    /// created and migrated as the site starts (before anything reads or writes it), and watched while it runs
    /// (<see cref="DatabaseMonitor"/>, <see cref="DatabaseStatus"/>). Everything asks for <see cref="ClinicDbContext"/>
    /// and gets the provider's own context type, whose migrations match it.
    /// </summary>
    public static IServiceCollection AddClinicDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, ConnectionStringValidator>();
        services.AddSingleton(provider => CreateStore(
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            provider.GetRequiredService<IConfiguration>(),
            provider.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<DatabaseStatus>();
        services.AddSingleton<WriteOutcomeInterceptor>();

        // Before AddDbContext, which only adds the context type when none is registered.
        services.AddScoped(provider => provider.GetRequiredService<ClinicStore>()
            .CreateContext(provider.GetRequiredService<DbContextOptions<ClinicDbContext>>()));
        services.AddDbContext<ClinicDbContext>((provider, options) =>
        {
            provider.GetRequiredService<ClinicStore>().Configure(options);
            options.AddInterceptors(provider.GetRequiredService<WriteOutcomeInterceptor>());
        });
        services.AddHostedService<DatabaseMonitor>();
        return services;
    }

    private static ClinicStore CreateStore(DatabaseOptions options, IConfiguration configuration, IHostEnvironment environment) =>
        options.Provider switch
        {
            DatabaseProvider.PostgreSql => new PostgreSqlStore(configuration.GetConnectionString("Clinic")!),
            _ => SqliteStore.At(configuration.GetConnectionString("Clinic") ?? DefaultSqliteConnectionString, environment.ContentRootPath),
        };

    /// <summary>A PostgreSQL site stops at start-up without a usable connection string, saying which setting to fix.</summary>
    private sealed class ConnectionStringValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
    {
        public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
        {
            if (options.Provider != DatabaseProvider.PostgreSql)
            {
                return ValidateOptionsResult.Success;
            }

            var connectionString = configuration.GetConnectionString("Clinic");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                return ValidateOptionsResult.Fail(
                    "ConnectionStrings:Clinic is required when Database:Provider is PostgreSql (for example \"Host=db.internal;Database=abovept;Username=abovept\").");
            }

            try
            {
                if (string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Host))
                {
                    return ValidateOptionsResult.Fail("ConnectionStrings:Clinic names no Host for the PostgreSQL server.");
                }
            }
            catch (ArgumentException)
            {
                // The message could quote the password: name the setting only.
                return ValidateOptionsResult.Fail("ConnectionStrings:Clinic is not a valid PostgreSQL connection string.");
            }

            return ValidateOptionsResult.Success;
        }
    }
}
