using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Data;

/// <summary>
/// Brings the database up to the current migration before the site serves anything. One instance owns
/// one SQLite file, so there is no race between instances to guard against (docs/operations.md).
/// Registered before the mail dispatcher, which therefore never sees an old schema.
/// </summary>
internal sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();

        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(dataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        try
        {
            await db.Database.MigrateAsync(cancellationToken);

            // Write-ahead logging lets readers carry on while one request writes; the setting is stored
            // in the file, so setting it once per start is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == ReadOnly)
        {
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                throw;
            }

            // An up-to-date but read-only database (a restore with the wrong owner, a disk remounted
            // read-only): articles still serve, a post gets a clear 503 and /healthz says Degraded,
            // which beats a site that does not start at all.
            LogReadOnly(logger, dataSource);
            return;
        }

        LogMigrated(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private const int ReadOnly = 8;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Clinic database {DataSource} is read-only: no appointment request can be stored until it is writable again")]
    private static partial void LogReadOnly(ILogger logger, string dataSource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clinic database is up to date")]
    private static partial void LogMigrated(ILogger logger);
}
