using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Data;

/// <summary>
/// A fault of the database itself, as opposed to a bug in a query. <see cref="Problem"/> is for the log and
/// <c>/healthz</c>: plain words, never data. <see cref="Unusable"/> faults (unreadable, read-only) stop the
/// appointment pages until a re-check finds the file fixed; the others (a full disk, a lock held too long)
/// fail one write and leave the next to try.
/// </summary>
public sealed record StorageFault(int SqliteCode, string Problem, bool Unusable);

/// <summary>Everything the site knows about SQLite beyond what EF Core says: error codes, read-only files, the file's path.</summary>
public static class ClinicDatabase
{
    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Corrupt = 11, Full = 13, CantOpen = 14, Constraint = 19, NotADatabase = 26;

    /// <summary>The storage fault behind <paramref name="exception"/>, or null when it is something else.</summary>
    public static StorageFault? Fault(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException sqlite && Describe(sqlite.SqliteErrorCode) is { } fault)
            {
                return fault;
            }
        }

        return null;
    }

    private static StorageFault? Describe(int code) => code switch
    {
        Busy or Locked => new(code, "the database stayed locked by another writer longer than the timeout", Unusable: false),
        Full => new(code, "the disk is full", Unusable: false),
        IoError => new(code, "the disk reported an I/O error", Unusable: false),
        ReadOnly => new(code, "the database file is read-only to the site (file or folder permissions, or a read-only disk)", Unusable: true),
        Corrupt or NotADatabase => new(code, "the file is not a usable SQLite database (corrupt, or overwritten)", Unusable: true),
        CantOpen => new(code, "the database file cannot be opened (missing folder or permissions)", Unusable: true),
        _ => null,
    };

    /// <summary>True when a save failed because another row already has this <paramref name="column"/> value.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string column) =>
        exception.InnerException is SqliteException { SqliteErrorCode: Constraint } sqlite
        && sqlite.Message.Contains($".{column}", StringComparison.Ordinal);

    /// <summary>
    /// Whether the file can be read and written now, asked on a new connection outside the pool: a pooled
    /// connection remembers how the file was when it opened it, and can answer from pages it read before the
    /// file was replaced or broken. Returns the problem, or null when the database is usable.
    /// </summary>
    public static async Task<StorageFault?> ProbeAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenUnpooledAsync(connectionString, cancellationToken);
            await using var command = connection.CreateCommand();
            // Reads page 1 and the schema: a file that is not a database fails here.
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            await command.ExecuteScalarAsync(cancellationToken);
            return IsReadOnly(connection) ? Describe(ReadOnly) : null;
        }
        catch (SqliteException exception) when (Fault(exception) is { } fault)
        {
            return fault;
        }
    }

    /// <summary>A connection of its own, not from the pool and not returned to it.</summary>
    public static async Task<SqliteConnection> OpenUnpooledAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
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
    public static bool DiskTakesWrites(string databaseFile)
    {
        var probe = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile)) ?? ".", ".write-probe");
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

    public static bool IsReadOnly(SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1;

    /// <summary>The database file the site uses, for messages and existence checks.</summary>
    public static string FilePath(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    public static string FilePath(ClinicDbContext db) => FilePath(db.Database.GetConnectionString()!);

    /// <summary>After the file was fixed, every connection opens it afresh.</summary>
    public static void ForgetOpenConnections() => SqliteConnection.ClearAllPools();
}
