using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AbovePT.Web.Features.Articles;

/// <summary>The YAML block at the top of an article, checked field by field.</summary>
public sealed record FrontMatter(
    string Title,
    string Description,
    DateOnly Published,
    DateOnly? Updated,
    string Author,
    string? ReviewedBy,
    DateOnly? LastReviewed,
    IReadOnlyList<string> Tags,
    bool Draft,
    string Language = ArticleLanguage.English,
    string? TranslationOf = null);

/// <summary>The front matter (when every field is right), the Markdown after it, and what is wrong.</summary>
public sealed record FrontMatterResult(FrontMatter? FrontMatter, string Body, int BodyLine, IReadOnlyList<string> Problems);

/// <summary>
/// Splits an article into its front matter and body and checks every field. Problems are written for the
/// clinic staff who edit these files: each names the field or line and says how to fix it.
/// </summary>
public static partial class FrontMatterParser
{
    public static readonly IReadOnlyList<string> Fields =
        ["title", "description", "published", "updated", "author", "reviewedBy", "lastReviewed", "tags", "draft", "lang", "translationOf"];

    private const string Fence = "---";

    public static FrontMatterResult Parse(string text)
    {
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != Fence)
        {
            return Failed(text, "the file must start with front matter: a line '---', the fields (title, description, published, author, …), then another line '---'.");
        }

        var close = Array.FindIndex(lines, 1, line => line.TrimEnd() is Fence or "...");
        if (close < 0)
        {
            return Failed(text, "the front matter is never closed: add a line '---' after the last field.");
        }

        var yaml = string.Join('\n', lines[1..close]);
        var body = string.Join('\n', lines[(close + 1)..]);
        var bodyLine = close + 2;
        var problems = new List<string>();
        var frontMatter = ParseFields(yaml, problems);
        return new FrontMatterResult(problems.Count == 0 ? frontMatter : null, body, bodyLine, problems);
    }

    private static FrontMatterResult Failed(string text, string problem) => new(null, text, 1, [problem]);

    private static FrontMatter? ParseFields(string yaml, List<string> problems)
    {
        YamlMappingNode mapping;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Add("the front matter must be a list of fields such as 'title: Why knees hurt', one per line.");
                return null;
            }

            mapping = root;
        }
        catch (YamlException e)
        {
            // YAML counts lines inside the block; the file has the opening '---' above it.
            problems.Add($"the front matter is not valid YAML on line {e.Start.Line + 1}: {WithoutPosition(e.Message)} (text with a colon needs quotes, e.g. title: \"Knees: why they hurt\").");
            return null;
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!Fields.Contains(key))
            {
                var known = Fields.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase));
                problems.Add(known is null
                    ? $"unknown field '{key}' on line {keyNode.Start.Line + 1}; the fields are: {string.Join(", ", Fields)}."
                    : $"field '{key}' on line {keyNode.Start.Line + 1} must be spelled '{known}'.");
                continue;
            }

            values[key] = valueNode;
        }

        var title = RequiredText("title");
        var description = RequiredText("description");
        var author = RequiredText("author");
        var reviewedBy = OptionalText("reviewedBy");
        var published = Date("published", required: true);
        var updated = Date("updated", required: false);
        var lastReviewed = Date("lastReviewed", required: false);
        var tags = Tags();
        var draft = Draft();
        var language = Language();
        var translationOf = TranslationOf();

        if (published is { } p && updated is { } u && u < p)
        {
            problems.Add($"'updated' ({u:yyyy-MM-dd}) is before 'published' ({p:yyyy-MM-dd}).");
        }

        return problems.Count == 0
            ? new FrontMatter(title!, description!, published!.Value, updated, author!, reviewedBy, lastReviewed, tags, draft, language, translationOf)
            : null;

        string? OptionalText(string field)
        {
            if (!values.TryGetValue(field, out var node))
            {
                return null;
            }

            if (node is YamlScalarNode { Value: var value } && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }

            problems.Add($"'{field}' on line {node.Start.Line + 1} must be plain text on the same line.");
            return null;
        }

        string? RequiredText(string field)
        {
            if (!values.ContainsKey(field))
            {
                problems.Add($"'{field}' is missing; add a line '{field}: …' to the front matter.");
                return null;
            }

            return OptionalText(field);
        }

        DateOnly? Date(string field, bool required)
        {
            if (!values.TryGetValue(field, out var node))
            {
                if (required)
                {
                    problems.Add($"'{field}' is missing; add a line '{field}: 2025-12-15' (year-month-day).");
                }

                return null;
            }

            if (node is YamlScalarNode { Value: { } value }
                && DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            problems.Add($"'{field}' on line {node.Start.Line + 1} must be a date written year-month-day, e.g. 2025-12-15.");
            return null;
        }

        IReadOnlyList<string> Tags()
        {
            if (!values.TryGetValue("tags", out var node))
            {
                return [];
            }

            if (node is YamlSequenceNode sequence && sequence.Children.All(t => t is YamlScalarNode { Value: { Length: > 0 } }))
            {
                return [.. sequence.Children.Select(t => ((YamlScalarNode)t).Value!.Trim())];
            }

            problems.Add($"'tags' on line {node.Start.Line + 1} must be a list, e.g. tags: [running, knee pain].");
            return [];
        }

        bool Draft()
        {
            if (!values.TryGetValue("draft", out var node))
            {
                return false;
            }

            if (node is YamlScalarNode { Value: { } value } && bool.TryParse(value.Trim(), out var draft))
            {
                return draft;
            }

            problems.Add($"'draft' on line {node.Start.Line + 1} must be true or false.");
            return false;
        }

        string Language()
        {
            if (!values.TryGetValue("lang", out var node))
            {
                return ArticleLanguage.English;
            }

            if (node is YamlScalarNode { Value: { } value } && ArticleLanguage.IsKnown(value.Trim()))
            {
                return value.Trim();
            }

            problems.Add($"'lang' on line {node.Start.Line + 1} must be en (English) or es (Spanish).");
            return ArticleLanguage.English;
        }

        // Whether the article it names exists, and is in the other language, is checked with every file loaded
        // (ArticleTranslations); here only that it could be a file name.
        string? TranslationOf()
        {
            if (OptionalText("translationOf") is not { } slug)
            {
                return null;
            }

            if (Slug.IsValid(slug))
            {
                return slug;
            }

            problems.Add($"'translationOf' on line {values["translationOf"].Start.Line + 1} must be the original article's file name without '.md', e.g. translationOf: knee-pain-after-running.");
            return null;
        }
    }

    /// <summary>YamlDotNet prefixes its messages with positions we already report as a line number.</summary>
    private static string WithoutPosition(string message) => PositionPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
