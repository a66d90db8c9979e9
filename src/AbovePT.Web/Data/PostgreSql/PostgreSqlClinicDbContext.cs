using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AbovePT.Web.Data.PostgreSql;

/// <summary>
/// <see cref="ClinicDbContext"/> on PostgreSQL: the same model, its own migrations (<c>Data/PostgreSql/Migrations</c>),
/// which EF Core finds by this type; and the Data Protection keys, which every instance must share (antiforgery
/// tokens, form tickets, staff sessions), where a SQLite site keeps them in a folder.
/// </summary>
public sealed class PostgreSqlClinicDbContext(DbContextOptions options) : ClinicDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}

/// <summary>How <c>dotnet ef</c> makes the context to add or check PostgreSQL migrations (<see cref="DesignTimeOptions"/>).</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlClinicDbContext>
{
    public PostgreSqlClinicDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.For(options => options.UseNpgsql("Host=localhost;Database=abovept")));
}
