namespace AbovePT.Web.Data;

/// <summary>
/// Work another part of the site needs done once the database is migrated and before it is called ready (before
/// any page that uses it is served), at every start and after every recovery. A failure with a storage fault leaves
/// the database not ready, and is looked at again like any other.
/// </summary>
public interface IAfterMigrations
{
    Task RunAsync(ClinicDbContext db, CancellationToken cancellationToken);
}
