using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>
/// Makes the site's writes fail the way a full disk fails them (SQLite error 13) while <see cref="Failing"/> is
/// set. A real full disk cannot be made to fill between one write and the next on cue, which is the moment these
/// tests need; reads keep working, as they do on a full disk. bench/faults.sh fills a real disk.
/// </summary>
public sealed class FailingWrites : DbCommandInterceptor
{
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    /// <summary>How many writes were refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    private int _refused;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command)
    {
        var sql = command.CommandText.TrimStart();
        if (_failing && (sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)))
        {
            Interlocked.Increment(ref _refused);
            throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
        }
    }
}
