using System.Globalization;
using AbovePT.Web.Data;
using AbovePT.Web.Data.Sqlite;
using AbovePT.Web.Features.Inbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AbovePT.Web.Operations;

/// <summary>
/// <c>dotnet AbovePT.Web.dll database copy-from-sqlite PATH</c>: moves a SQLite site's data into the PostgreSQL
/// database the site's settings name (docs/scaling.md). The target is migrated, must hold none of the clinic's data,
/// and receives every table of the SQLite model in one transaction, ids kept; then each table's next id is set past
/// the last one SQLite handed out. Prints row counts per table: never a row's contents.
/// </summary>
/// <remarks>
/// The source is opened read-only and must be at this version's last SQLite migration, so both sides have the same
/// model and EF Core converts each column (text dates to timestamps, text to uuid and jsonb, integers to booleans).
/// The staff audit trail's triggers refuse updates and deletes, not inserts, so it is copied as any other table.
/// The Data Protection keys are not copied: a SQLite site keeps them in a folder, and the PostgreSQL site makes its
/// own in the database, so staff sign in again after the move.
/// </remarks>
public static class DatabaseCommand
{
    public const string Name = "database";

    private const int BatchSize = 500;

    private const string Usage = """
        Usage:
          database copy-from-sqlite PATH   copies a stopped SQLite site's database (a backup copy of clinic.db) into
                                           the empty PostgreSQL database this site's settings name
        Run it from the site's folder with the PostgreSQL site's settings, before its first instance takes requests
        (see docs/scaling.md).
        """;

    /// <summary>
    /// The tables of the SQLite model, parents before children, each copied as EF Core reads and writes it. A table
    /// added to the model and not here stops the copy (<see cref="Uncovered"/>) instead of being left behind.
    /// </summary>
    private static readonly Table[] Tables =
    [
        Table.Of(db => db.Roles),
        Table.Of(db => db.RoleClaims),
        // Npgsql writes only UTC offsets to timestamptz; Identity writes UTC, this keeps a hand-edited row from stopping the copy.
        Table.Of(db => db.Users, user => user.LockoutEnd = user.LockoutEnd?.ToUniversalTime()),
        Table.Of(db => db.UserRoles),
        Table.Of(db => db.UserClaims),
        Table.Of(db => db.UserLogins),
        Table.Of(db => db.UserTokens),
        Table.Of(db => db.UserPasskeys),
        Table.Of(db => db.StaffInvitations),
        Table.Of(db => db.StaffAudit),
        // A request's two e-mails are columns of its own row (owned), as they are in both models.
        Table.Of(db => db.AppointmentRequests),
        Table.Of(db => db.Set<RequestFollowUp>()),
        Table.Of(db => db.Set<RequestCall>()),
        Table.Of(db => db.Set<RequestNote>()),
    ];

    public static bool Handles(string[] args) => args is [Name, ..];

    /// <summary>Runs the command after <c>Build()</c> (services and configuration as the site has them), instead of the site.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        switch (args)
        {
            case [Name, "copy-from-sqlite", var path]:
                await using (var scope = services.CreateAsyncScope())
                {
                    return await CopyFromSqliteAsync(scope.ServiceProvider, Path.GetFullPath(path), output, cancellationToken);
                }

            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> CopyFromSqliteAsync(IServiceProvider services, string path, TextWriter output, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await output.WriteLineAsync($"No file at {path}.");
            return 1;
        }

        await using var source = OpenReadOnly(path, services);
        if (await SourceProblemAsync(source, cancellationToken) is { } sourceProblem)
        {
            await output.WriteLineAsync($"{path}: {sourceProblem}");
            return 1;
        }

        var store = services.GetRequiredService<ClinicStore>();
        if (store.Provider != DatabaseProvider.PostgreSql)
        {
            await output.WriteLineAsync(
                $"This site's Database:Provider is {store.Provider}: the copy goes into PostgreSQL. Run it with the PostgreSQL site's settings " +
                "(Database__Provider=PostgreSql and ConnectionStrings__Clinic naming the server; docs/scaling.md).");
            return 1;
        }

        var target = services.GetRequiredService<ClinicDbContext>();
        if (Uncovered(source) is { Count: > 0 } uncovered)
        {
            throw new InvalidOperationException($"The copy does not know the table(s) {string.Join(", ", uncovered)}: add them to {nameof(DatabaseCommand)}.{nameof(Tables)}.");
        }

        try
        {
            await store.PrepareAsync(cancellationToken);
            await store.MigrateAsync(target, cancellationToken);
            await store.AfterMigrationsAsync(target, cancellationToken);
            return await CopyAsync(source, target, path, store.Location, output, cancellationToken);
        }
        catch (Exception exception) when (ClinicStore.FaultOf(exception) is { } fault)
        {
            await output.WriteLineAsync($"{store.Location} cannot be used: {fault.Problem}. Nothing was copied.");
            return 1;
        }
    }

    private static async Task<int> CopyAsync(
        ClinicDbContext source, ClinicDbContext target, string path, string location, TextWriter output, CancellationToken cancellationToken)
    {
        var names = Tables.Select(t => t.Name(target)).ToList();
        await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
        // Until the commit, an instance started too early waits instead of writing between the check and the copy.
        // The model's own table names, no input.
        var lockTables = $"LOCK TABLE {string.Join(", ", names.Select(n => $"\"{n}\""))} IN EXCLUSIVE MODE";
        await target.Database.ExecuteSqlRawAsync(lockTables, cancellationToken);

        var held = new List<string>();
        foreach (var table in Tables)
        {
            if (await table.CountAsync(target, cancellationToken) is var rows and > 0)
            {
                held.Add($"{table.Name(target)} {rows}");
            }
        }

        if (held.Count > 0)
        {
            await output.WriteLineAsync(
                $"{location} already holds the clinic's data ({string.Join(", ", held)} rows): the copy goes only into a database without any. " +
                "Nothing was copied. Point ConnectionStrings:Clinic at a new, empty database, or drop this one if it holds nothing you need.");
            return 1;
        }

        await output.WriteLineAsync($"Copying {path} into {location} ...");
        var counts = new List<(string Table, int Rows)>();
        var current = "";
        try
        {
            foreach (var table in Tables)
            {
                current = table.Name(target);
                var copied = await table.CopyAsync(source, target, cancellationToken);
                var expected = await table.CountAsync(source, cancellationToken);
                var stored = await table.CountAsync(target, cancellationToken);
                if (copied != expected || stored != expected)
                {
                    throw new InvalidOperationException($"{current}: {expected} rows in the file, {copied} copied, {stored} in PostgreSQL.");
                }

                counts.Add((current, copied));
            }
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException postgres)
        {
            // The constraint's name, never the row: PostgreSQL's detail would quote its values.
            await output.WriteLineAsync(
                $"PostgreSQL refused a row of {current} ({postgres.SqlState}{(postgres.ConstraintName is { } c ? $", {c}" : "")}). Nothing was copied.");
            return 1;
        }

        await SetNextIdsAsync(source, target, names, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var width = Math.Max(5, counts.Max(c => c.Table.Length));
        await output.WriteLineAsync($"{"table".PadRight(width)} {"rows",8}");
        foreach (var (table, rows) in counts)
        {
            await output.WriteLineAsync($"{table.PadRight(width)} {rows.ToString(CultureInfo.InvariantCulture),8}");
        }

        await output.WriteLineAsync($"{"total".PadRight(width)} {counts.Sum(c => c.Rows).ToString(CultureInfo.InvariantCulture),8}");
        await output.WriteLineAsync(
            "Copied in one transaction with their ids; each table's next id follows the last one the SQLite site handed out. " +
            "Start the site on PostgreSQL; staff sign in again (their sessions belonged to the SQLite site's keys).");
        return 0;
    }

    /// <summary>
    /// Why the file cannot be copied as it is, or null: not a SQLite database, not this site's, or made by an older or
    /// newer version of it (the models would differ).
    /// </summary>
    private static async Task<string?> SourceProblemAsync(ClinicDbContext source, CancellationToken cancellationToken)
    {
        try
        {
            var applied = (await source.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            var known = source.Database.GetMigrations().ToList();
            if (applied.Count == 0)
            {
                return "not an AbovePT database (no migrations applied).";
            }

            if (applied.Except(known).ToList() is { Count: > 0 } newer)
            {
                return $"made by a newer version of the site (migration {newer[^1]}): copy it with that version.";
            }

            if (known.Except(applied).ToList() is { Count: > 0 } pending)
            {
                return $"made by an older version of the site ({pending.Count} migration(s) behind, from {pending[0]}): start this " +
                    "version's SQLite site on it once (it migrates at start), then copy it.";
            }

            return null;
        }
        catch (SqliteException exception) when (ClinicStore.FaultOf(exception) is { } fault)
        {
            return $"{fault.Problem}.";
        }
    }

    /// <summary>The SQLite model's tables that <see cref="Tables"/> does not copy.</summary>
    private static List<string> Uncovered(ClinicDbContext source) =>
    [
        .. source.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()
            .Except(Tables.Select(t => t.Name(source)))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// Each copied table's identity sequence set so the next row gets the id after the highest the SQLite site ever
    /// handed out (its <c>sqlite_sequence</c>, AUTOINCREMENT), not merely after the highest copied: ids of requests the
    /// retention job deleted are not given to new ones, as on SQLite.
    /// </summary>
    private static async Task SetNextIdsAsync(ClinicDbContext source, ClinicDbContext target, List<string> tables, CancellationToken cancellationToken)
    {
        var lastIssued = await source.Database
            .SqlQueryRaw<LastIssued>("""SELECT name AS "Table", seq AS "Id" FROM sqlite_sequence""")
            .ToDictionaryAsync(s => s.Table, s => s.Id, cancellationToken);
        var identities = await target.Database.SqlQueryRaw<IdentityColumn>("""
            SELECT table_name AS "Table", column_name AS "Column" FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES'
            """).ToListAsync(cancellationToken);
        foreach (var (table, column) in identities.Where(i => tables.Contains(i.Table)))
        {
            // Names from the database's own catalogue, no input; {0} is the SQLite site's last id, a parameter.
            var setNext = $$"""
                SELECT setval(pg_get_serial_sequence('"{{table}}"', '{{column}}'),
                              GREATEST(COALESCE((SELECT MAX("{{column}}") FROM "{{table}}"), 0), {0}) + 1, false)
                """;
            await target.Database.ExecuteSqlRawAsync(setNext, [lastIssued.GetValueOrDefault(table)], cancellationToken);
        }
    }

    /// <summary>
    /// With the site's services: Identity reads its schema version from them, and without it the model would have no
    /// passkeys table to copy.
    /// </summary>
    private static SqliteClinicDbContext OpenReadOnly(string path, IServiceProvider services)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        return new SqliteClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>()
            .UseApplicationServiceProvider(services)
            .UseSqlite(connection)
            .Options);
    }

    private sealed record LastIssued(string Table, long Id);

    private sealed record IdentityColumn(string Table, string Column);

    /// <summary>One table: how to count it, and how to copy its rows from one context to the other in batches.</summary>
    private sealed record Table(
        Type Entity,
        Func<ClinicDbContext, CancellationToken, Task<int>> CountAsync,
        Func<ClinicDbContext, ClinicDbContext, CancellationToken, Task<int>> CopyAsync)
    {
        public static Table Of<T>(Func<ClinicDbContext, DbSet<T>> set, Action<T>? adjust = null)
            where T : class => new(
            typeof(T),
            (db, cancellationToken) => set(db).CountAsync(cancellationToken),
            (from, to, cancellationToken) => CopyRowsAsync(set(from), to, adjust, cancellationToken));

        public string Name(ClinicDbContext db) => db.Model.FindEntityType(Entity)?.GetTableName()
            ?? throw new InvalidOperationException($"{Entity.Name} is not in the model.");

        private static async Task<int> CopyRowsAsync<T>(DbSet<T> from, ClinicDbContext to, Action<T>? adjust, CancellationToken cancellationToken)
            where T : class
        {
            var rows = 0;
            await foreach (var row in from.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                adjust?.Invoke(row);
                // Keys included: EF Core writes a key that is set, identity column or not.
                to.Add(row);
                if (++rows % BatchSize == 0)
                {
                    await SaveAsync(to, cancellationToken);
                }
            }

            await SaveAsync(to, cancellationToken);
            return rows;
        }

        private static async Task SaveAsync(ClinicDbContext db, CancellationToken cancellationToken)
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
