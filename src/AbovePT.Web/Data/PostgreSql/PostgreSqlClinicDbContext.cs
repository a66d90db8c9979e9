using AbovePT.Web.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AbovePT.Web.Data.PostgreSql;

/// <summary>
/// <see cref="ClinicDbContext"/> on PostgreSQL: the same model, its own migrations (<c>Data/PostgreSql/Migrations</c>),
/// which EF Core finds by this type. Everything else asks for <see cref="ClinicDbContext"/> and gets this one when
/// <c>Database:Provider</c> is <c>PostgreSql</c> (docs/architecture.md, "Two databases").
/// </summary>
/// <remarks>
/// After changing the model, add a migration for each provider; from the repository root:
/// <code>dotnet ef migrations add &lt;Name&gt; --project src/AbovePT.Web --context PostgreSqlClinicDbContext --output-dir Data/PostgreSql/Migrations</code>
/// </remarks>
public sealed class PostgreSqlClinicDbContext(DbContextOptions options) : ClinicDbContext(options);

/// <summary>
/// How <c>dotnet ef</c> makes the context to add or check migrations: no server is contacted, the connection
/// string only names the provider. Identity reads the schema version from the application's services, so they
/// carry the site's own store settings.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlClinicDbContext>
{
    public PostgreSqlClinicDbContext CreateDbContext(string[] args)
    {
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(options => StaffServiceCollectionExtensions.ConfigureStores(options.Stores))
            .BuildServiceProvider();
        return new(new DbContextOptionsBuilder<ClinicDbContext>()
            .UseNpgsql("Host=localhost;Database=abovept")
            .UseApplicationServiceProvider(services)
            .Options);
    }
}
