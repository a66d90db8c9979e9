using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Data;

public static class DataServiceCollectionExtensions
{
    private const string DefaultConnectionString = "Data Source=data/clinic.db";

    /// <summary>
    /// The SQLite database behind <c>ConnectionStrings:Clinic</c>, created and migrated as the site starts
    /// (before anything reads or writes it), and watched while it runs (<see cref="DatabaseMonitor"/>,
    /// <see cref="DatabaseStatus"/>).
    /// A relative file name is resolved against the content root, never the working directory, so the site
    /// finds the same file however it is started.
    /// </summary>
    public static IServiceCollection AddClinicDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DatabaseStatus>();
        services.AddSingleton<WriteOutcomeInterceptor>();
        services.AddDbContext<ClinicDbContext>((provider, options) => options
            .UseSqlite(ResolveConnectionString(
                provider.GetRequiredService<IConfiguration>(),
                provider.GetRequiredService<IHostEnvironment>()))
            .AddInterceptors(new ReadOnlyConnectionInterceptor(), provider.GetRequiredService<WriteOutcomeInterceptor>()));
        services.AddHostedService<DatabaseMonitor>();
        return services;
    }

    internal static string ResolveConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Clinic") ?? DefaultConnectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        }

        // SQLite allows one writer at a time. A writer that finds the database busy is retried by
        // Microsoft.Data.Sqlite until the command timeout ("Default Timeout", 30 s unless the connection
        // string says otherwise), so a burst of posts queues instead of failing; with write-ahead
        // logging (DatabaseMigrator) readers never wait for it.
        return builder.ToString();
    }
}
