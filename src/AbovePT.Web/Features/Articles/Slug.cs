using System.Text.RegularExpressions;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// An article's address: its file name without <c>.md</c>. Only lowercase letters, digits and hyphens,
/// so a slug can never name a path, a device (<c>CON</c>) or anything outside <c>content/articles</c>.
/// </summary>
public static partial class Slug
{
    /// <summary>Longer than any sensible title; keeps the regex away from megabyte-long inputs.</summary>
    public const int MaxLength = 150;

    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
