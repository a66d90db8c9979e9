using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AbovePT.Web.Data.PostgreSql;

/// <summary>
/// Everything the site knows about PostgreSQL beyond what EF Core says: what its SQLSTATEs mean to a patient's
/// request, how to ask whether it takes writes, and the locks that keep a job on one instance at a time.
/// </summary>
/// <remarks>
/// Several instances share one server (docs/scaling.md). Npgsql's pool is per instance; a connection that failed
/// is dropped by Npgsql itself, so no pool needs clearing after a fault.
/// </remarks>
public sealed class PostgreSqlStore(string connectionString) : ClinicStore(connectionString)
{
    private const string UniqueViolation = "23505";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override bool SingleInstance => false;

    public override string Location
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL database {builder.Database ?? "(the user's default)"} on {builder.Host}:{builder.Port}";
        }
    }

    public override void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    /// <summary>A row another instance is claiming is locked: skip it and take the next (as Hangfire.PostgreSql fetches jobs).</summary>
    protected override string RowLockClause => "FOR UPDATE SKIP LOCKED";

    public override ClinicDbContext CreateContext(DbContextOptions<ClinicDbContext> options) => new PostgreSqlClinicDbContext(options);

    internal static StorageFault? Describe(Exception exception) => exception switch
    {
        PostgresException postgres => Describe(postgres.SqlState),
        // Not the server's answer but no answer: refused, reset, timed out.
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } or NpgsqlException { IsTransient: true } =>
            new("PostgreSQL (no connection)", "the database server cannot be reached or did not answer in time", Unusable: false),
        _ => null,
    };

    private static StorageFault? Describe(string sqlState) => sqlState switch
    {
        "53100" => Fault(sqlState, "the database server's disk is full", unusable: false),
        "53200" or "53300" => Fault(sqlState, "the database server is out of memory or connections", unusable: false),
        "58030" => Fault(sqlState, "the database server reported an I/O error", unusable: false),
        "55P03" or "40P01" => Fault(sqlState, "a lock in the database was held too long", unusable: false),
        "57P01" or "57P02" or "57P03" => Fault(sqlState, "the database server is shutting down or starting up", unusable: false),
        "25006" => Fault(sqlState, "the database refuses writes (a read-only standby, or default_transaction_read_only)", unusable: true),
        "28000" or "28P01" => Fault(sqlState, "the database server refused the site's user name or password", unusable: true),
        "3D000" => Fault(sqlState, "the database named in ConnectionStrings:Clinic does not exist", unusable: true),
        "42501" => Fault(sqlState, "the site's database user lacks a permission it needs", unusable: true),
        "XX001" or "XX002" => Fault(sqlState, "the database server reports corrupted data", unusable: true),
        _ => null,
    };

    private static StorageFault Fault(string sqlState, string problem, bool unusable) => new($"PostgreSQL {sqlState}", problem, unusable);

    /// <summary>EF Core names a unique index <c>IX_{Table}_{Column}</c>; PostgreSQL names the index it refused.</summary>
    internal static bool IsDuplicate(DbUpdateException exception, string column) =>
        exception.InnerException is PostgresException { SqlState: UniqueViolation } postgres
        && postgres.ConstraintName?.EndsWith($"_{column}", StringComparison.Ordinal) == true;

    public override async Task<StorageFault?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on';";
            return await command.ExecuteScalarAsync(cancellationToken) is true ? Describe("25006") : null;
        }
        catch (PostgresException exception) when (exception.SqlState == "3D000")
        {
            // Not created yet: the migrations create it, as SQLite creates its file, when the site's user may.
            return null;
        }
        catch (NpgsqlException exception) when (Describe(exception) is { } fault)
        {
            return fault;
        }
    }

    /// <summary>The server's disk is the server's: a full one shows as the next write's fault (53100), not here.</summary>
    public override bool StorageTakesWrites() => true;

    public override async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == "3D000")
        {
            return false;
        }
    }

    public override Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Under a session advisory lock on a connection of its own (the migrations open their own transactions), so
    /// instances started together migrate one after the other: the second finds nothing left to do. A database that
    /// did not exist is created by the first; another instance creating it at the same moment just goes on.
    /// </summary>
    public override async Task MigrateAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            // Outside the pool: a pooled connection would keep holding the lock after it is given back.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey("migrations")})", connection))
            {
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            // The lock goes when the connection closes, whatever happens to the migration.
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == "3D000")
        {
            await CreateDatabaseAsync(db, cancellationToken);
            await MigrateAsync(db, cancellationToken);
        }
    }

    private static async Task CreateDatabaseAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == "42P04")
        {
            // Another instance created it first.
        }
    }

    public override Task AfterMigrationsAsync(ClinicDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A pooled connection sees the server as it is now: an ordinary context will do.</summary>
    public override Task<ClinicDbContext> OpenMonitorContextAsync(CancellationToken cancellationToken) =>
        Task.FromResult<ClinicDbContext>(new PostgreSqlClinicDbContext(
            new DbContextOptionsBuilder<ClinicDbContext>().UseNpgsql(ConnectionString).Options));

    /// <summary>
    /// In one transaction holding the job's advisory lock (<c>pg_advisory_xact_lock</c>, or <c>pg_try_advisory_xact_lock</c>
    /// when not waiting): the lock goes with the transaction, whatever becomes of the instance.
    /// </summary>
    public override async Task<int?> RunAloneAsync(ClinicDbContext db, string job, bool wait, Func<Task<int>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = LockKey(job);
        if (wait)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
        else if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({key}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return null;
        }

        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The same 64-bit key for the same job on every instance (string.GetHashCode differs per process).</summary>
    internal static long LockKey(string job)
    {
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        var hash = offset;
        foreach (var c in job)
        {
            hash = (hash ^ c) * prime;
        }

        return unchecked((long)hash);
    }
}
