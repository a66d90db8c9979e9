using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Data;

/// <summary>Which database the site uses and how it watches it, bound from <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// <c>Sqlite</c> (the default: one file, <c>ConnectionStrings:Clinic</c> defaults to <c>Data Source=data/clinic.db</c>)
    /// or <c>PostgreSql</c> (a server, for several instances; <c>ConnectionStrings:Clinic</c> is required).
    /// </summary>
    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "Database:Provider must be Sqlite or PostgreSql.")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// While the database cannot be used (corrupt, read-only, missing, unreachable), how often the site looks again;
    /// once it can, migrations are applied and requests are taken again without a restart.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Database:RecheckSeconds must be between 1 and 3600.")]
    public int RecheckSeconds { get; set; } = 30;
}
