using System.Buffers;

namespace AbovePT.Web.Features.Appointments;

/// <summary>US phone numbers as people type them: (480) 555-0134, 480.555.0134, +1 480 555 0134.</summary>
public static class UsPhone
{
    private static readonly SearchValues<char> Allowed = SearchValues.Create("0123456789+-.() ");

    /// <summary>Returns the number in E.164 (<c>+14805550134</c>), or null when it is not a US number.</summary>
    public static string? Normalize(string input)
    {
        if (input.AsSpan().ContainsAnyExcept(Allowed))
        {
            return null;
        }

        var digits = new string(input.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }

        // North American numbers: neither the area code nor the exchange starts with 0 or 1.
        return digits.Length == 10 && digits[0] >= '2' && digits[3] >= '2' ? "+1" + digits : null;
    }

    /// <summary>(480) 555-0134, from the E.164 form <see cref="Normalize"/> returns.</summary>
    public static string Format(string e164) =>
        e164.Length == 12 && e164.StartsWith("+1", StringComparison.Ordinal)
            ? $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}"
            : e164;
}
