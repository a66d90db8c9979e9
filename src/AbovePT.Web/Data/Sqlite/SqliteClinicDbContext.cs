using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AbovePT.Web.Data.Sqlite;

/// <summary>
/// <see cref="ClinicDbContext"/> on SQLite, the default: the same model, its own migrations (<c>Data/Migrations</c>),
/// which EF Core finds by this type.
/// </summary>
public sealed class SqliteClinicDbContext(DbContextOptions options) : ClinicDbContext(options);

/// <summary>How <c>dotnet ef</c> makes the context to add or check SQLite migrations (<see cref="DesignTimeOptions"/>).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClinicDbContext>
{
    public SqliteClinicDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.For(options => options.UseSqlite("Data Source=design-time.db")));
}
