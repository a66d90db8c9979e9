using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// An article ready to serve, or the reasons (<paramref name="Problems"/>) its file is left out.
/// <paramref name="Warnings"/> do not stop an article from serving but show on the page in a way staff
/// did not intend; the content tests fail on them too.
/// </summary>
public sealed record ArticleParseResult(Article? Article, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns one article file into an <see cref="Article"/>: front matter, Markdown rendered to HTML, heading
/// ids, table of contents and reading time. Runs when files load, never during a request.
/// </summary>
public static partial class ArticleParser
{
    public const string Extension = ".md";

    /// <summary>A typical adult reads 200-250 words a minute; the lower end suits health content.</summary>
    private const int WordsPerMinute = 200;

    /// <summary>
    /// Built once: Markdig pipelines are immutable and thread-safe. Raw HTML is off, so whatever a file
    /// contains can only ever produce the markup Markdown itself produces (HTML shows as text).
    /// </summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .Build();

    private static readonly string[] LinkSchemes = ["http", "https", "mailto", "tel"];

    /// <summary>Element ids the layout and article page already use; a heading must not take one.</summary>
    private static readonly string[] PageIds = ["main", "toc-title"];

    public static ArticleParseResult Parse(string fileName, string text)
    {
        if (!string.Equals(Path.GetExtension(fileName), Extension, StringComparison.Ordinal))
        {
            return new(null, [$"only Markdown files ending in '{Extension}' are articles; rename it or move it out of content/articles."], []);
        }

        var slug = Path.GetFileNameWithoutExtension(fileName);
        var problems = new List<string>();
        if (!Slug.IsValid(slug))
        {
            problems.Add($"the file name becomes the web address, so it may only use lowercase letters, digits and hyphens (e.g. knee-pain-after-running.md), at most {Slug.MaxLength} characters.");
        }

        var parsed = FrontMatterParser.Parse(text);
        problems.AddRange(parsed.Problems);

        var document = Markdown.Parse(parsed.Body, Pipeline);
        CheckBody(document, parsed.BodyLine, problems);
        var warnings = HtmlWarnings(document, parsed.BodyLine);
        if (problems.Count > 0 || parsed.FrontMatter is not { } meta)
        {
            return new(null, problems, warnings);
        }

        var article = new Article(
            slug,
            meta.Title,
            meta.Description,
            meta.Published,
            meta.Updated,
            meta.Author,
            meta.ReviewedBy,
            meta.LastReviewed,
            meta.Tags,
            meta.Draft,
            Markdown.ToHtml(document, Pipeline),
            TableOfContents(document),
            ReadingMinutes(document),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(slug + "\n" + text))),
            meta.Language,
            meta.TranslationOf);
        return new(article, [], warnings);
    }

    /// <summary>
    /// Raw HTML is off, so a tag in the text reaches the page as visible text like "&lt;br&gt;": harmless,
    /// but never what the author meant.
    /// </summary>
    private static List<string> HtmlWarnings(MarkdownDocument document, int bodyLine) =>
        [.. document.Descendants<LiteralInline>()
            .Select(literal => (literal.Line, Tag: HtmlTag().Match(literal.Content.ToString())))
            .Where(found => found.Tag.Success)
            .Select(found => $"line {bodyLine + found.Line}: '{found.Tag.Value}' is HTML, which the site shows as plain text; use Markdown instead (e.g. **bold**, a blank line between paragraphs).")];

    [GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    private static void CheckBody(MarkdownDocument document, int bodyLine, List<string> problems)
    {
        foreach (var heading in document.Descendants<HeadingBlock>().Where(h => h.Level == 1))
        {
            problems.Add($"line {bodyLine + heading.Line}: '# {HeadingText(heading)}' is a page title, but the title comes from the front matter; start sections with '## '.");
        }

        foreach (var heading in document.Descendants<HeadingBlock>().Where(h => PageIds.Contains(h.GetAttributes().Id)))
        {
            problems.Add($"line {bodyLine + heading.Line}: the heading '{HeadingText(heading)}' would clash with the page's own '#{heading.GetAttributes().Id}' anchor; reword it.");
        }

        foreach (var link in document.Descendants<LinkInline>())
        {
            var url = link.Url ?? "";
            if (link.IsImage && !IsSitePath(url))
            {
                problems.Add($"line {bodyLine + link.Line}: the image '{url}' must be a file on this site (a path starting with '/'), so patients' browsers never contact another website.");
            }
            else if (!link.IsImage && !IsAllowedLink(url))
            {
                problems.Add($"line {bodyLine + link.Line}: the link '{url}' is not allowed; use a page on this site ('/articles/…') or an http, https, mailto or tel link.");
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>().Where(l => !l.IsEmail && !IsAllowedLink(l.Url)))
        {
            problems.Add($"line {bodyLine + link.Line}: the link '{link.Url}' is not allowed; use an http, https, mailto or tel link.");
        }
    }

    private static bool IsSitePath(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal);

    private static bool IsAllowedLink(string url)
    {
        if (IsSitePath(url) || url.StartsWith('#'))
        {
            return true;
        }

        // Anything with a scheme must be one we trust: javascript:, data: and the like are rejected.
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && LinkSchemes.Contains(uri.Scheme);
    }

    /// <summary>Sections (##) with their subsections (###); a single-section article needs no table.</summary>
    private static List<TocEntry> TableOfContents(MarkdownDocument document)
    {
        var sections = new List<(HeadingBlock Heading, List<TocEntry> Children)>();
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.Level == 2)
            {
                sections.Add((heading, []));
            }
            else if (heading.Level == 3 && sections.Count > 0)
            {
                sections[^1].Children.Add(Entry(heading, []));
            }
        }

        return sections.Count < 2 ? [] : [.. sections.Select(s => Entry(s.Heading, s.Children))];

        static TocEntry Entry(HeadingBlock heading, List<TocEntry> children) =>
            new(heading.GetAttributes().Id ?? "", HeadingText(heading), children);
    }

    private static string HeadingText(HeadingBlock heading) =>
        heading.Inline is null
            ? ""
            : string.Concat(heading.Inline.Descendants<Inline>().Select(i => i switch
            {
                LiteralInline literal => literal.Content.ToString(),
                CodeInline code => code.Content,
                _ => "",
            }));

    private static int ReadingMinutes(MarkdownDocument document)
    {
        var words = document.Descendants<LiteralInline>()
            .Sum(literal => literal.Content.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
        return Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute));
    }
}
