using System.Security.Cryptography;
using System.Text;

namespace AbovePT.Web.Features.Staff;

/// <summary>
/// A single-use link that lets one invited person choose their password and set up their second factor. Only a
/// hash of the token is stored: the token itself exists only in the link that was handed to the person, so a
/// copy of the database opens no account.
/// </summary>
public sealed class StaffInvitation
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(24);

    private StaffInvitation()
    {
    }

    public int Id { get; private set; }

    public string UserId { get; private set; } = "";

    /// <summary>SHA-256 of the token, hex.</summary>
    public string TokenHash { get; private set; } = "";

    public DateTime IssuedAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    /// <summary>Set once the invitation has been used, or replaced by a newer one; it never opens again.</summary>
    public DateTime? UsedAtUtc { get; private set; }

    /// <summary>A new invitation for <paramref name="userId"/> and the token for its link (256 random bits).</summary>
    public static (StaffInvitation Invitation, string Token) Issue(string userId, DateTime nowUtc)
    {
        var token = Base64UrlToken(RandomNumberGenerator.GetBytes(32));
        return (new StaffInvitation
        {
            UserId = userId,
            TokenHash = Hash(token),
            IssuedAtUtc = nowUtc,
            ExpiresAtUtc = nowUtc + ValidFor,
        }, token);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool IsUsable(DateTime nowUtc) => UsedAtUtc is null && nowUtc < ExpiresAtUtc;

    /// <summary>Spends the invitation: it was accepted, or a newer one replaces it.</summary>
    public void Spend(DateTime nowUtc) => UsedAtUtc ??= nowUtc;

    private static string Base64UrlToken(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
