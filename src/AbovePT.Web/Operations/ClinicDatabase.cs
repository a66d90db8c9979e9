using AbovePT.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Operations;

/// <summary>What operations code needs to know about the SQLite file beyond what EF Core says.</summary>
internal static class ClinicDatabase
{
    /// <summary>
    /// SQLite result codes that mean the database cannot take a write right now (busy past the timeout,
    /// locked, read-only, I/O error, corrupt, disk full, cannot open, not a database), as opposed to a
    /// bug in the query.
    /// </summary>
    private static readonly HashSet<int> UnavailableCodes = [5, 6, 8, 10, 11, 13, 14, 26];

    /// <summary>The SQLite error behind <paramref name="exception"/> when it means the database is unusable.</summary>
    public static SqliteException? Unavailable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException sqlite && UnavailableCodes.Contains(sqlite.SqliteErrorCode))
            {
                return sqlite;
            }
        }

        return null;
    }

    /// <summary>
    /// False when SQLite opened the file read-only: the file or its folder is not writable by the site
    /// (SQLite then falls back to reading), or the connection string says <c>Mode=ReadOnly</c>. Asked on
    /// a fresh connection, because a pooled one remembers how the file was when it was opened.
    /// </summary>
    public static async Task<bool> IsWritableAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        return !IsReadOnly(connection);
    }

    public static bool IsReadOnly(SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1;

    /// <summary>The database file the site uses, for messages and existence checks.</summary>
    public static string FilePath(ClinicDbContext db) =>
        new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
}
