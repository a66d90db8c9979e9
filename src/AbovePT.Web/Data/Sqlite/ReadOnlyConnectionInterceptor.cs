using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AbovePT.Web.Data.Sqlite;

/// <summary>
/// A connection that SQLite could only open read-only (the file was read-only at that moment) is never
/// returned to the pool: otherwise the first patient to post after the administrator fixes the file would
/// still get the 503 page from a stale connection.
/// </summary>
internal sealed class ReadOnlyConnectionInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Check(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Check(connection);
        return Task.CompletedTask;
    }

    private static void Check(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && SqliteStore.IsReadOnly(sqlite))
        {
            SqliteConnection.ClearPool(sqlite);
        }
    }
}
