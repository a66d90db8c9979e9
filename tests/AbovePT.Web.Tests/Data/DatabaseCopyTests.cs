using AbovePT.Web.Data;
using AbovePT.Web.Data.Sqlite;
using AbovePT.Web.Operations;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AbovePT.Web.Tests.Data;

/// <summary>
/// <c>database copy-from-sqlite</c> refusing what it must not copy, with the reason and exit code 1, on either run:
/// the SQLite file and the site's SQLite settings are there whatever the provider. The copy itself goes into
/// PostgreSQL, so it is tested in the PostgreSQL run (<see cref="PostgreSql.CopyIntoPostgreSqlTests"/>).
/// </summary>
public sealed class DatabaseCopyTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("abovept-copy-");

    [Fact]
    public async Task CopyFromSqlite_RunWithASqliteSitesSettings_SaysWhichSettingsToUse_AndChangesNeitherDatabase()
    {
        var source = await SourceWithOneRequestAsync();
        using var target = TestDatabase.SqliteFile(Directory.CreateDirectory(Path.Combine(_folder.FullName, "target")).FullName);
        await using var site = new AppointmentSite(null);
        site.UseDatabase(target);

        var (exit, output) = await RunAsync(site, "database", "copy-from-sqlite", source);

        Assert.Equal(1, exit);
        Assert.Contains("This site's Database:Provider is Sqlite: the copy goes into PostgreSQL.", output, StringComparison.Ordinal);
        Assert.Contains("Database__Provider=PostgreSql", output, StringComparison.Ordinal);
        Assert.Empty(await site.RequestsAsync());
        await using var file = SqliteFile(source);
        Assert.Equal(1, await file.AppointmentRequests.CountAsync());
    }

    [Theory]
    [InlineData("missing", "No file at")]
    [InlineData("garbage", "the file is not a usable SQLite database")]
    [InlineData("empty", "not an AbovePT database (no migrations applied).")]
    public async Task CopyFromSqlite_FileMissingCorruptOrNotTheSites_SaysSoBeforeLookingAtTheTarget(string file, string message)
    {
        var path = Path.Combine(_folder.FullName, $"{file}.db");
        if (file == "garbage")
        {
            await File.WriteAllBytesAsync(path, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);
        }
        else if (file == "empty")
        {
            await File.WriteAllBytesAsync(path, []);
        }

        await using var site = new AppointmentSite(null);

        var (exit, output) = await RunAsync(site, "database", "copy-from-sqlite", path);

        Assert.Equal(1, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Copying", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyFromSqlite_FileOfAnOlderVersion_SaysToStartThisVersionsSiteOnItFirst()
    {
        var path = Path.Combine(_folder.FullName, "old.db");
        await using (var old = SqliteFile(path, readOnly: false))
        {
            var migrations = old.Database.GetMigrations().ToList();
            await old.GetService<IMigrator>().MigrateAsync(migrations[^2]);
        }

        await using var site = new AppointmentSite(null);

        var (exit, output) = await RunAsync(site, "database", "copy-from-sqlite", path);

        Assert.Equal(1, exit);
        Assert.Contains("made by an older version of the site (1 migration(s) behind", output, StringComparison.Ordinal);
        Assert.Contains("start this version's SQLite site on it once", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_WithoutASubcommand_PrintsUsageAndExits2()
    {
        await using var site = new AppointmentSite(null);

        var (exit, output) = await RunAsync(site, "database", "copy-from-sqlite");

        Assert.Equal(2, exit);
        Assert.Contains("database copy-from-sqlite PATH", output, StringComparison.Ordinal);
    }

    /// <summary>A SQLite site's file after one request, the site stopped: what an administrator copies.</summary>
    private async Task<string> SourceWithOneRequestAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.FullName, "source")).FullName;
        using var database = TestDatabase.SqliteFile(folder);
        await using (var site = new AppointmentSite(null))
        {
            site.UseDatabase(database);
            await StoredRequests.AddAsync(site, StoredRequests.Of("QC-C0PY1", DateTime.UtcNow));
        }

        return database.SqlitePath;
    }

    /// <summary>The file on its own, with the site's Identity settings (passkeys), as the site's migrations expect.</summary>
    private static SqliteClinicDbContext SqliteFile(string path, bool readOnly = true) =>
        new(DesignTimeOptions.For(options => options.UseSqlite($"Data Source={path};Pooling=False{(readOnly ? ";Mode=ReadOnly" : "")}")));

    private static async Task<(int ExitCode, string Output)> RunAsync(AppointmentSite site, params string[] args)
    {
        var output = new StringWriter();
        var exit = await DatabaseCommand.RunAsync(site.Services, args, output);
        return (exit, output.ToString());
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
