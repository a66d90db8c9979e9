using AbovePT.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>
/// A database of a test's own, on the provider the run is for: a SQLite file in a temporary folder, or, when
/// <c>ABOVEPT_TEST_DATABASE=PostgreSql</c>, a new database on the PostgreSQL server the PG* variables name (test.sh
/// starts a throw-away one with <c>pg_virtualenv</c>). Dropped when disposed. Two sites given the same one share
/// their data, as one site does across a restart.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "ABOVEPT_TEST_DATABASE";

    private readonly DatabaseProvider _provider;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresName)
    {
        _provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    /// <summary>The provider this run tests, from <see cref="ProviderVariable"/> (SQLite when unset).</summary>
    public static DatabaseProvider Provider { get; } = Environment.GetEnvironmentVariable(ProviderVariable) switch
    {
        null or "" or "Sqlite" => DatabaseProvider.Sqlite,
        "PostgreSql" => DatabaseProvider.PostgreSql,
        var other => throw new InvalidOperationException($"{ProviderVariable}={other}: expected Sqlite or PostgreSql."),
    };

    public string ConnectionString { get; }

    /// <summary>
    /// For tests of what only PostgreSQL does (several instances on one database): they run in test.sh's PostgreSQL
    /// run, and fail, saying how to run them, anywhere else; never skipped in silence.
    /// </summary>
    public static void RequirePostgreSql()
    {
        if (Provider != DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException(
                $"This test needs PostgreSQL: run ./test.sh, or set {ProviderVariable}=PostgreSql and the PG* variables (pg_virtualenv does).");
        }
    }

    /// <summary>The settings that point a site at this database.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Database:Provider", _provider.ToString()),
        new("ConnectionStrings:Clinic", ConnectionString),
    ];

    /// <summary>A new, empty database (the site migrates it); a SQLite file goes in <paramref name="folder"/>.</summary>
    public static TestDatabase Create(string folder)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return SqliteFile(folder);
        }

        var name = $"abovept_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(Server("postgres")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\";";
            command.ExecuteNonQuery();
        }

        return new(DatabaseProvider.PostgreSql, Server(name), name);
    }

    /// <summary>A SQLite file in <paramref name="folder"/> whatever provider this run tests: what a copy into PostgreSQL starts from.</summary>
    public static TestDatabase SqliteFile(string folder) =>
        new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "clinic.db")}", postgresName: null);

    /// <summary>The file of a <see cref="SqliteFile"/> database.</summary>
    public string SqlitePath => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    public void Dispose()
    {
        if (_postgresName is null)
        {
            // Connections left in the pool would keep the file open after its folder is deleted.
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
            return;
        }

        using (var site = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(site);
        }

        using var connection = new NpgsqlConnection(Server("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE);";
        command.ExecuteNonQuery();
    }

    private static string Server(string database)
    {
        var host = Environment.GetEnvironmentVariable("PGHOST");
        if (string.IsNullOrEmpty(host))
        {
            throw new InvalidOperationException(
                $"{ProviderVariable}=PostgreSql needs a PostgreSQL server, and PGHOST is not set: run ./test.sh, which starts a "
                + "throw-away one with pg_virtualenv, or set PGHOST, PGPORT, PGUSER and PGPASSWORD.");
        }

        return new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = int.TryParse(Environment.GetEnvironmentVariable("PGPORT"), out var port) ? port : 5432,
            Username = Environment.GetEnvironmentVariable("PGUSER"),
            Password = Environment.GetEnvironmentVariable("PGPASSWORD"),
            Database = database,
        }.ToString();
    }
}
