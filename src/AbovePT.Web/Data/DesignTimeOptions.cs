using AbovePT.Web.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Data;

/// <summary>
/// Options for <c>dotnet ef</c>'s design-time contexts: nothing is contacted, the connection string only names the
/// provider. Identity reads its schema version (passkeys) from the application's services, so they carry the site's
/// own store settings: a migration made without them would drop the passkeys table.
/// </summary>
internal static class DesignTimeOptions
{
    public static DbContextOptions<ClinicDbContext> For(Action<DbContextOptionsBuilder<ClinicDbContext>> useProvider)
    {
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(options => StaffServiceCollectionExtensions.ConfigureStores(options.Stores))
            .BuildServiceProvider();
        var builder = new DbContextOptionsBuilder<ClinicDbContext>().UseApplicationServiceProvider(services);
        useProvider(builder);
        return builder.Options;
    }
}
