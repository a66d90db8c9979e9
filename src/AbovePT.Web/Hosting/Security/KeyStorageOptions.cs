using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Hosting.Security;

/// <summary>Where the Data Protection keys (antiforgery tokens, and anything else protected) are kept.</summary>
public sealed class KeyStorageOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// A folder that survives restarts and deployments; relative paths are resolved against the content
    /// root. Losing it invalidates every form a patient has open, so back it up with the database.
    /// </summary>
    [Required]
    public string KeysPath { get; set; } = "data/keys";
}
