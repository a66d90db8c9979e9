using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Data;

/// <summary>How the site watches its database, bound from <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// While the database cannot be used (corrupt, read-only, missing), how often the site looks again; once it
    /// can, migrations are applied and requests are taken again without a restart.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Database:RecheckSeconds must be between 1 and 3600.")]
    public int RecheckSeconds { get; set; } = 30;
}
