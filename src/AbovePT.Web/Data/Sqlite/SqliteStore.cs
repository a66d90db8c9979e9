using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Data.Sqlite;

/// <summary>Everything the site knows about SQLite beyond what EF Core says: error codes, read-only files, the file's path.</summary>
/// <remarks>
/// SQLite allows one writer at a time. A writer that finds the database busy is retried by Microsoft.Data.Sqlite
/// until the command timeout ("Default Timeout", 30 s unless the connection string says otherwise), so a burst of
/// posts queues instead of failing; with write-ahead logging (<see cref="AfterMigrationsAsync"/>) readers never
/// wait for it.
/// </remarks>
public sealed class SqliteStore(string connectionString) : ClinicStore(connectionString)
{
    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Corrupt = 11, Full = 13, CantOpen = 14, Constraint = 19, NotADatabase = 26;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override bool SingleInstance => true;

    public override string Location => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>
    /// <paramref name="connectionString"/> with a relative file name resolved against <paramref name="contentRoot"/>,
    /// never the working directory, so the site finds the same file however it is started.
    /// </summary>
    public static SqliteStore At(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }

        return new SqliteStore(builder.ToString());
    }

    public override void Configure(DbContextOptionsBuilder options) =>
        options.UseSqlite(ConnectionString).AddInterceptors(new ReadOnlyConnectionInterceptor());

    /// <summary>SQLite lets one writer in at a time: the claim needs no lock of its own.</summary>
    protected override string RowLockClause => "";

    public override ClinicDbContext CreateContext(DbContextOptions<ClinicDbContext> options) => new SqliteClinicDbContext(options);

    internal static StorageFault? Describe(Exception exception) =>
        exception is SqliteException sqlite ? Describe(sqlite.SqliteErrorCode) : null;

    private static StorageFault? Describe(int code) => code switch
    {
        Busy or Locked => Fault(code, "the database stayed locked by another writer longer than the timeout", unusable: false),
        Full => Fault(code, "the disk is full", unusable: false),
        IoError => Fault(code, "the disk reported an I/O error", unusable: false),
        ReadOnly => Fault(code, "the database file is read-only to the site (file or folder permissions, or a read-only disk)", unusable: true),
        Corrupt or NotADatabase => Fault(code, "the file is not a usable SQLite database (corrupt, or overwritten)", unusable: true),
        CantOpen => Fault(code, "the database file cannot be opened (missing folder or permissions)", unusable: true),
        _ => null,
    };

    private static StorageFault Fault(int code, string problem, bool unusable) => new($"SQLite {code}", problem, unusable);

    internal static bool IsDuplicate(DbUpdateException exception, string column) =>
        exception.InnerException is SqliteException { SqliteErrorCode: Constraint } sqlite
        && sqlite.Message.Contains($".{column}", StringComparison.Ordinal);

    /// <remarks>
    /// On a new connection outside the pool: a pooled connection remembers how the file was when it opened it, and
    /// can answer from pages it read before the file was replaced or broken.
    /// </remarks>
    public override async Task<StorageFault?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenUnpooledAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // Reads page 1 and the schema: a file that is not a database fails here.
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            await command.ExecuteScalarAsync(cancellationToken);
            return IsReadOnly(connection) ? Describe(ReadOnly) : null;
        }
        catch (SqliteException exception) when (Describe(exception) is { } fault)
        {
            return fault;
        }
    }

    public override async Task<ClinicDbContext> OpenMonitorContextAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenUnpooledAsync(cancellationToken);
        return new SqliteClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite(connection, contextOwnsConnection: true).Options);
    }

    /// <summary>A connection of its own, not from the pool and not returned to it.</summary>
    private async Task<SqliteConnection> OpenUnpooledAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Whether the disk under the database takes a small write now: a full disk can still let SQLite overwrite
    /// pages it already has, so the database alone does not tell.
    /// </summary>
    public override bool StorageTakesWrites()
    {
        var probe = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Location)) ?? ".", ".write-probe");
        try
        {
            using (var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
            {
                stream.Write(new byte[16 * 1024]);
                stream.Flush(flushToDisk: true);
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            try
            {
                File.Delete(probe);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Nothing was left, or nothing can be done: the next probe tries again.
            }
        }
    }

    public override Task<bool> ExistsAsync(CancellationToken cancellationToken) => Task.FromResult(File.Exists(Location));

    /// <summary>Creates the file's folder, and makes every connection open the file afresh (it may have been fixed by hand).</summary>
    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Location) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Write-ahead logging lets readers carry on while one request writes; the setting is stored in the file, so
    /// setting it once per start is enough.
    /// </summary>
    public override async Task AfterMigrationsAsync(ClinicDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

    /// <summary>One instance owns the file, so a job never meets itself; the job's deletes overwrite what they delete.</summary>
    public override async Task<int?> RunAloneAsync(ClinicDbContext db, string job, bool wait, Func<Task<int>> work, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Overwrite deleted rows' bytes instead of leaving them in free pages of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken);
            // Cascading deletes (a request's follow-up, calls and notes) happen only on a connection with foreign keys
            // on: the site's SQLite build has them on by default, a connection string can turn them off.
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON;", cancellationToken);
            return await work();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal static bool IsReadOnly(SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1;
}
