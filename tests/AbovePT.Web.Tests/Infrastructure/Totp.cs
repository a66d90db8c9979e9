using System.Globalization;
using System.Security.Cryptography;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>
/// The code an authenticator app shows: RFC 6238, HMAC-SHA1 over the current 30-second step, 6 digits, from the
/// key the site displays (base32, spaces allowed). On the real clock, as a phone's: Identity checks codes against
/// the real clock too. Self-contained so the browser tests can link this one file.
/// </summary>
public static class Totp
{
    public static string Now(string displayedKey)
    {
        var key = Base32(displayedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var step = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(step);
        }

#pragma warning disable CA5350 // RFC 6238's default, and what every authenticator app uses
        var hash = HMACSHA1.HashData(key, step);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
