using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Hosting.Security;

/// <summary>Where the Data Protection keys (antiforgery tokens, and anything else protected) are kept.</summary>
public sealed class KeyStorageOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// On SQLite, a folder that survives restarts and deployments; relative paths are resolved against the content
    /// root. Losing it invalidates every form a patient has open, so back it up with the database. On PostgreSQL the
    /// keys are in the database, shared by every instance, and this is not used.
    /// </summary>
    [Required]
    public string KeysPath { get; set; } = "data/keys";
}
