using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace AbovePT.Web.Features.Articles;

/// <summary>The forms a cached page is kept in: as rendered, gzip, Brotli.</summary>
public enum ContentCoding
{
    Identity,
    Gzip,
    Brotli,
}

/// <summary>
/// Chooses the coding of a cached page from the request's <c>Accept-Encoding</c> (RFC 9110 §12.5.3): the
/// acceptable compression with the highest q-value, Brotli over gzip on a tie, and the page as rendered when
/// the client accepts neither, names only codings we do not have, or ranks <c>identity</c> above them.
/// </summary>
/// <remarks>
/// Parsed by hand over the header's characters: it runs on every cached hit, where the framework's parser
/// (a list of header objects per request) would cost a noticeable share of the whole response.
/// </remarks>
public static class AcceptEncoding
{
    public static ContentCoding Negotiate(StringValues header)
    {
        double? brotli = null, gzip = null, identity = null, any = null;
        foreach (var value in header)
        {
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var element = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? [] : rest[(comma + 1)..];
                if (!TryParse(element, out var name, out var quality))
                {
                    continue;
                }

                // The first mention of a coding counts; a repeat cannot raise what the client said first.
                if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    brotli ??= quality;
                }
                else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    gzip ??= quality;
                }
                else if (name.Equals("identity", StringComparison.OrdinalIgnoreCase))
                {
                    identity ??= quality;
                }
                else if (name is "*")
                {
                    any ??= quality;
                }
            }
        }

        // "*" stands for every coding not named; a named coding's own q-value wins over it, q=0 included.
        var br = brotli ?? any ?? 0;
        var gz = gzip ?? any ?? 0;
        var (best, bestQuality) = br >= gz ? (ContentCoding.Brotli, br) : (ContentCoding.Gzip, gz);
        // The page as rendered is always acceptable unless refused; it wins only when the client ranks it higher.
        return bestQuality > 0 && !(identity > bestQuality) ? best : ContentCoding.Identity;
    }

    /// <summary>One element such as <c>br;q=0.8</c>: its coding and q-value; false when it is malformed.</summary>
    private static bool TryParse(ReadOnlySpan<char> element, out ReadOnlySpan<char> name, out double quality)
    {
        var semicolon = element.IndexOf(';');
        name = (semicolon < 0 ? element : element[..semicolon]).Trim(" \t");
        quality = 1.0;
        if (name.IsEmpty)
        {
            return false;
        }

        var parameters = semicolon < 0 ? [] : element[(semicolon + 1)..];
        while (!parameters.IsEmpty)
        {
            var next = parameters.IndexOf(';');
            var parameter = (next < 0 ? parameters : parameters[..next]).Trim(" \t");
            parameters = next < 0 ? [] : parameters[(next + 1)..];
            if (parameter.Length < 2 || (parameter[0] is not ('q' or 'Q')) || parameter[1] != '=')
            {
                continue;
            }

            if (!double.TryParse(parameter[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality) || quality > 1)
            {
                return false;
            }
        }

        return true;
    }
}
