using System.Globalization;
using System.Text;
using AbovePT.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Features.Inbox;

/// <summary>
/// The keys the inbox searches by, computed here in .NET and stored (indexed) with each request, so the same
/// query works on every database: SQLite's <c>NOCASE</c> and <c>LIKE</c> fold ASCII only, and a
/// PostgreSQL provider would fold differently again.
/// </summary>
public static class SearchKeys
{
    /// <summary>
    /// A name as the search compares it: letters and digits only, without accents, in lower case
    /// (<c>Núñez</c> → <c>nunez</c>, <c>O'Brien-Smith</c> → <c>obriensmith</c>).
    /// </summary>
    public static string Name(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        // Letters with no decomposition of their own (ø, ł, ß) stay as they are: typed either way, they still match
        // a name typed the same way.
        return key.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Gives the requests stored before the search existed their keys (the migration that added them could not
    /// fold names): a no-op once every request has them, which every request made since does.
    /// </summary>
    public static async Task FillMissingAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        var missing = await db.AppointmentRequests.Where(r => r.PhoneKey == "").ToListAsync(cancellationToken);
        foreach (var request in missing)
        {
            request.LastNameKey = Name(request.LastName);
            request.PhoneKey = Phone(request.Phone);
        }

        if (missing.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A phone number's digits, without a leading US country code: <c>+14805550142</c>, <c>(480) 555-0142</c> and
    /// <c>480.555.0142</c> all give <c>4805550142</c>. Numbers outside the US keep their country code.
    /// </summary>
    public static string Phone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
    }
}
