using AbovePT.Web.Data.PostgreSql;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Data;

/// <summary>
/// A fault of the database itself, as opposed to a bug in a query. <see cref="Problem"/> is for the log and
/// <c>/healthz</c>: plain words, never data; <see cref="Code"/> is the provider's own (a SQLite result code, a
/// PostgreSQL SQLSTATE). <see cref="Unusable"/> faults (unreadable, read-only, refused credentials) stop the
/// appointment pages until a re-check finds the database fixed; the others (a full disk, a lock held too long, a
/// server briefly out of reach) fail one write and leave the next to try.
/// </summary>
public sealed record StorageFault(string Code, string Problem, bool Unusable);

public enum DatabaseProvider
{
    /// <summary>One file beside the site, one instance: the default, right for a practice of a few clinics.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by one or more instances (docs/scaling.md).</summary>
    PostgreSql,
}

/// <summary>
/// Everything the site needs from its database beyond what EF Core says, one subclass per provider: how to connect
/// (<see cref="Configure"/>), what its errors mean, how to look at it from outside the connection pool, and the few
/// statements EF Core cannot write portably (claiming e-mails to send, running a job on one instance at a time).
/// Nothing outside <see cref="Sqlite"/> and <see cref="PostgreSql"/> knows which provider it talks to.
/// </summary>
public abstract class ClinicStore(string connectionString)
{
    /// <summary>The connection string as the site uses it (a SQLite file resolved against the content root).</summary>
    public string ConnectionString { get; } = connectionString;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// Whether this database is only ever used by one running site: a SQLite file is, so what an earlier run left
    /// mid-send can only be this instance's own, and goes again at once after a restart.
    /// </summary>
    public abstract bool SingleInstance { get; }

    /// <summary>Where the data is, for logs and the administrator's commands: a file path, or a server and database (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>Points <paramref name="options"/> at this database, with the provider's interceptors.</summary>
    public abstract void Configure(DbContextOptionsBuilder options);

    /// <summary>The context type whose migrations match this provider.</summary>
    public abstract ClinicDbContext CreateContext(DbContextOptions<ClinicDbContext> options);

    /// <summary>Whether the database can be read and written now, asked on a connection of its own; the problem, or null.</summary>
    public abstract Task<StorageFault?> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Whether the storage under the database takes a small write now (a full disk can still let reads through).</summary>
    public abstract bool StorageTakesWrites();

    /// <summary>Whether the database exists already, so an administrator's command does not create an empty one in the wrong place.</summary>
    public abstract Task<bool> ExistsAsync(CancellationToken cancellationToken);

    /// <summary>Before migrating: whatever the provider needs for the migrations to reach the database as it is now.</summary>
    public abstract Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Brings the database up to the current migration, one instance at a time where several share it.</summary>
    public virtual Task MigrateAsync(ClinicDbContext db, CancellationToken cancellationToken) => db.Database.MigrateAsync(cancellationToken);

    /// <summary>After migrating: the provider's settings that live in the database.</summary>
    public abstract Task AfterMigrationsAsync(ClinicDbContext db, CancellationToken cancellationToken);

    /// <summary>
    /// A context for a monitor, on a connection of its own where the provider's pool could answer from a database
    /// that is no longer there (SQLite's); dispose it.
    /// </summary>
    public abstract Task<ClinicDbContext> OpenMonitorContextAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="db"/> while no other instance runs the job named
    /// <paramref name="job"/>: when one is running it now, waits for it to finish (<paramref name="wait"/>), or skips
    /// this run and returns null.
    /// </summary>
    public abstract Task<int?> RunAloneAsync(ClinicDbContext db, string job, bool wait, Func<Task<int>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the oldest due e-mail of <paramref name="kind"/> (<see cref="DeliveryQueries.FrontDeskDue"/>,
    /// <see cref="DeliveryQueries.ConfirmationDue"/>) for <paramref name="owner"/> until <paramref name="leaseUntilUtc"/>,
    /// in one statement: <see cref="MailDelivery.BeginAttempt"/> in SQL. Returns its request's id, or null when nothing
    /// is due. Two instances never take the same e-mail: the statement is atomic on SQLite (one writer at a time),
    /// and on PostgreSQL skips rows another instance is taking (<see cref="RowLockClause"/>).
    /// </summary>
    public async Task<int?> ClaimNextAsync(
        ClinicDbContext db, MailKind kind, string owner, DateTime nowUtc, DateTime leaseUntilUtc, CancellationToken cancellationToken)
    {
        var (mail, alsoRequired) = kind == MailKind.FrontDesk
            ? ("FrontDeskMail", "")
            : ("PatientMail", """AND "FrontDeskMail_Status" = 'Sent'""");
        // {0} now, {1} owner, {2} lease end: parameters. The rest is this code's own text.
        var sql = $$"""
            UPDATE "AppointmentRequests"
            SET "{{mail}}_Status" = 'Sending', "{{mail}}_Attempts" = "{{mail}}_Attempts" + 1, "{{mail}}_LastAttemptAtUtc" = {0},
                "{{mail}}_NextAttemptAtUtc" = NULL, "{{mail}}_LeaseOwner" = {1}, "{{mail}}_LeaseExpiresAtUtc" = {2}
            WHERE "Id" IN (
                SELECT "Id" FROM "AppointmentRequests"
                WHERE (("{{mail}}_Status" = 'Pending' AND "{{mail}}_NextAttemptAtUtc" <= {0})
                       OR ("{{mail}}_Status" = 'Sending' AND "{{mail}}_LeaseExpiresAtUtc" < {0})) {{alsoRequired}}
                ORDER BY "Id"
                LIMIT 1
                {{RowLockClause}})
            RETURNING "Id" AS "Value"
            """;
        var claimed = await db.Database.SqlQueryRaw<int>(sql, nowUtc, owner, leaseUntilUtc).ToListAsync(cancellationToken);
        return claimed.Count == 0 ? null : claimed[0];
    }

    /// <summary>What keeps two instances' claims apart, after the claim's inner SELECT; empty where one writer is the rule.</summary>
    protected abstract string RowLockClause { get; }

    /// <summary>The storage fault behind <paramref name="exception"/>, whichever provider raised it, or null when it is something else.</summary>
    public static StorageFault? FaultOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if ((SqliteStore.Describe(current) ?? PostgreSqlStore.Describe(current)) is { } fault)
            {
                return fault;
            }
        }

        return null;
    }

    /// <summary>True when a save failed because another row already has this <paramref name="column"/> value (its unique index).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string column) =>
        SqliteStore.IsDuplicate(exception, column) || PostgreSqlStore.IsDuplicate(exception, column);
}
