using System.Globalization;
using System.Text;

namespace AbovePT.Web.Features.Appointments;

/// <summary>What is wrong with a piece of text a patient typed, as far as characters go.</summary>
public enum TextProblem
{
    None,

    /// <summary>Line breaks or control characters where one line is expected: header injection in an e-mail.</summary>
    ControlCharacter,

    /// <summary>
    /// Invisible or direction-changing characters (Unicode format characters such as zero-width spaces and the
    /// bidirectional overrides and isolates, private-use or unassigned code points, broken surrogates): a
    /// right-to-left override makes a mail client show the rest of a subject reversed.
    /// </summary>
    Invisible,
}

/// <summary>
/// The character rules every free-text field shares, and the one form in which text is kept (trimmed, NFC), so the
/// front desk never gets a request with a name it cannot see or a subject that reads backwards.
/// </summary>
public static class PatientText
{
    /// <summary>Joiners that emoji sequences and scripts such as Persian and the Indic ones need inside a message.</summary>
    private const char ZeroWidthNonJoiner = '\u200C', ZeroWidthJoiner = '\u200D';

    /// <summary>The first problem in <paramref name="value"/>; a message may also hold line breaks, tabs and joiners.</summary>
    public static TextProblem Check(string value, bool multiline = false)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return TextProblem.Invisible;
            }

            rest = rest[consumed..];
            var problem = Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.Control when multiline && rune.Value is '\r' or '\n' or '\t' => TextProblem.None,
                UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => TextProblem.ControlCharacter,
                UnicodeCategory.Format when multiline && rune.Value is ZeroWidthNonJoiner or ZeroWidthJoiner => TextProblem.None,
                UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => TextProblem.Invisible,
                _ => TextProblem.None,
            };
            if (problem != TextProblem.None)
            {
                return problem;
            }
        }

        return TextProblem.None;
    }

    /// <summary>Whether a name shows at least one letter (not only accents, spaces or punctuation).</summary>
    public static bool HasLetter(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The form text is kept in: trimmed, Unicode NFC (an accent typed as a separate mark joins its letter).</summary>
    public static string Clean(string value) => value.Trim().Normalize(NormalizationForm.FormC);
}
