using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Languages;

/// <summary>
/// Every patient-facing string is in the resources, in both languages: each <c>.resx</c> has the same keys as its
/// <c>.es.resx</c>, every key a patient view asks for exists, and no patient view writes English of its own.
/// </summary>
public sealed partial class ResourceTests
{
    private static readonly string Web = Path.Combine(Repository.Root, "src", "AbovePT.Web");

    private static readonly string Resources = Path.Combine(Web, "Resources");

    /// <summary>The patient side's views (the staff side, Staff and Inbox, stays in English).</summary>
    private static readonly string[] PatientFeatures = ["Home", "Appointments", "Articles", "Errors", "Privacy", "Shared"];

    /// <summary>Words a Spanish page shows as they are: the practice's name and each language's own name.</summary>
    private static readonly HashSet<string> ProperNouns = ["Above", "Beyond", "Physical", "Therapy", "English", "Español"];

    public static TheoryData<string> PatientViews => [.. PatientFeatures
        .SelectMany(feature => Directory.EnumerateFiles(Path.Combine(Web, "Features", feature), "*.cshtml", SearchOption.AllDirectories))
        .Select(path => Path.GetRelativePath(Web, path).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryResource_HasTheSameKeysInEnglishAndSpanish()
    {
        var problems = new List<string>();
        var neutral = Directory.EnumerateFiles(Resources, "*.resx", SearchOption.AllDirectories).Where(p => !p.EndsWith(".es.resx", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(neutral);
        foreach (var english in neutral)
        {
            var name = Path.GetRelativePath(Resources, english)[..^".resx".Length];
            var spanish = Path.ChangeExtension(english, ".es.resx");
            if (!File.Exists(spanish))
            {
                problems.Add($"{name}: no Spanish file {name}.es.resx");
                continue;
            }

            var (en, es) = (Strings(english), Strings(spanish));
            problems.AddRange(en.Keys.Except(es.Keys).Select(key => $"{name}: '{key}' is in English but not in Spanish"));
            problems.AddRange(es.Keys.Except(en.Keys).Select(key => $"{name}: '{key}' is in Spanish but not in English"));
            problems.AddRange(en.Concat(es).Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => $"{name}: '{s.Key}' is empty"));
            problems.AddRange(en.Keys.Intersect(es.Keys).Where(key => Placeholders(en[key]) != Placeholders(es[key]))
                .Select(key => $"{name}: '{key}' has placeholders {Placeholders(en[key])} in English but {Placeholders(es[key])} in Spanish"));
        }

        problems.AddRange(Directory.EnumerateFiles(Resources, "*.es.resx", SearchOption.AllDirectories)
            .Where(spanish => !File.Exists(spanish[..^".es.resx".Length] + ".resx"))
            .Select(spanish => $"{Path.GetRelativePath(Resources, spanish)}: no English file"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// A key a view asks for but no resource has would show the key itself on the page. <c>L</c> is the view's own
    /// resource (IViewLocalizer), <c>T</c> the appointment feature's (AppointmentText); keys built at run time
    /// (a choice's label) are checked by the pages' tests.
    /// </summary>
    [Theory]
    [MemberData(nameof(PatientViews))]
    public void PatientView_AsksOnlyForKeysItsResourceHas(string view)
    {
        var razor = File.ReadAllText(Path.Combine(Web, view));
        var own = Path.Combine(Resources, Path.ChangeExtension(view, ".resx"));
        var appointments = Path.Combine(Resources, "Features", "Appointments", "AppointmentText.resx");

        var missing = LocalizerKey().Matches(razor)
            .Select(m => (Localizer: m.Groups["localizer"].Value, Key: m.Groups["key"].Value))
            .Where(k => !File.Exists(k.Localizer == "L" ? own : appointments) || !Strings(k.Localizer == "L" ? own : appointments).ContainsKey(k.Key))
            .Select(k => $"{k.Localizer}[\"{k.Key}\"]")
            .ToList();

        Assert.True(missing.Count == 0, $"{view} asks for keys no resource has: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(PatientViews))]
    public void PatientView_HasNoEnglishOutsideTheResources(string view)
    {
        var literals = EnglishLiterals(File.ReadAllText(Path.Combine(Web, view)));

        Assert.True(literals.Count == 0, $"{view} shows text that is not in its resources: {string.Join(" | ", literals)}");
    }

    /// <summary>The check itself, on a view written before the site spoke Spanish.</summary>
    [Fact]
    public void EnglishLiterals_FindsTextNodesAttributesAndStringsButNotRazorOrProperNouns()
    {
        const string Razor = """
            @model AppointmentFormPage
            @inject IHtmlLocalizer<AppointmentText> T
            @{
                ViewData["Title"] = "Request an appointment";
                var form = Model.Form;
            }
            @* A comment in English is fine. *@
            <nav aria-label="Main"><a class="brand" href="/">Above &amp; Beyond <span>Physical Therapy</span></a></nav>
            <h1>@T["Form.Heading"]</h1>
            @if (Model.HasErrors)
            {
                <p>Please correct @(Model.Errors.Count() == 1 ? "this" : "these") and send again</p>
            }
            @foreach (var location in Model.Locations)
            {
                var id = AppointmentFormPage.OptionId("Location", location.Id);
                <li>@location.Name: <a href="tel:@location.PhoneE164">@location.Phone</a> <a lang="es" href="/es">Español</a></li>
            }
            @await Html.PartialAsync("_TextField", new TextField(Model, "FirstName", "First name", form.FirstName))
            <button type="submit" class="button">@T["Form.Send"]</button>
            """;

        Assert.Equal(["\"Request an appointment\"", "\"First name\"", "aria-label=\"Main\"", "Please correct and send again"], EnglishLiterals(Razor));
    }

    /// <summary>
    /// What a view would show in English whatever the page's language: text between tags once Razor code and
    /// expressions are taken out, the human-facing attributes (aria-label, title, alt, placeholder) unless they are
    /// an expression, and C# strings that read like a sentence ("Request an appointment"; not a CSS class or a key).
    /// </summary>
    internal static List<string> EnglishLiterals(string razor)
    {
        var found = new List<string>();
        var markup = Comment().Replace(razor, "");
        markup = Directive().Replace(markup, "");
        found.AddRange(ProseString().Matches(markup).Select(m => m.Value).Where(s => !IsProperNouns(s.Trim('"'))));
        found.AddRange(HumanAttribute().Matches(markup).Where(m => !m.Groups["value"].Value.StartsWith('@') && m.Groups["value"].Length > 0).Select(m => m.Value));
        markup = WithoutCodeBlocks(markup);
        foreach (Match node in TextNode().Matches(markup))
        {
            var text = Entity().Replace(WithoutRazor(node.Groups["text"].Value), " ");
            var words = Regex.Replace(text, @"\s+", " ").Trim();
            if (Word().IsMatch(words) && !IsProperNouns(words))
            {
                found.Add(words);
            }
        }

        return found;
    }

    private static bool IsProperNouns(string text) => Word().Matches(text).All(w => ProperNouns.Contains(w.Value));

    /// <summary>Drops <c>@{ … }</c> blocks (code, with their braces balanced).</summary>
    private static string WithoutCodeBlocks(string razor)
    {
        var result = new StringBuilder();
        for (var i = 0; i < razor.Length; i++)
        {
            if (razor[i] == '@' && i + 1 < razor.Length && razor[i + 1] == '{')
            {
                i = Balanced(razor, i + 1) - 1;
                continue;
            }

            result.Append(razor[i]);
        }

        return result.ToString();
    }

    /// <summary>Takes Razor out of a text node: expressions (<c>@x.y[..](..)</c>, <c>@(..)</c>), control lines, braces and C# statements.</summary>
    private static string WithoutRazor(string text)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@' || i + 1 >= text.Length || text[i + 1] == '@')
            {
                result.Append(text[i]);
                continue;
            }

            var j = i + 1;
            if (text[j] == '(')
            {
                i = Balanced(text, j) - 1;
                continue;
            }

            var identifier = Regex.Match(text[j..], @"^\w+").Value;
            if (identifier is "if" or "foreach" or "for" or "while" or "switch" or "section" or "using" or "else")
            {
                var end = text.IndexOf('\n', j);
                i = (end < 0 ? text.Length : end) - 1;
                continue;
            }

            j += identifier.Length;
            if (identifier == "await")
            {
                j = SkipMember(text, j + 1);
            }

            i = SkipAccessors(text, j) - 1;
        }

        return string.Join('\n', result.ToString().Split('\n').Where(line => !IsCode(line.Trim())));
    }

    private static bool IsCode(string line) =>
        line is "{" or "}" or "else" or "} else {"
        || line.StartsWith("} else", StringComparison.Ordinal)
        || line.StartsWith("else if", StringComparison.Ordinal)
        || (line.EndsWith(';') && line.Contains('=', StringComparison.Ordinal));

    private static int SkipMember(string text, int j) => SkipAccessors(text, j + Regex.Match(text[j..], @"^\w+").Length);

    private static int SkipAccessors(string text, int j)
    {
        while (j < text.Length)
        {
            if (text[j] is '(' or '[')
            {
                j = Balanced(text, j);
            }
            else if (text[j] == '.' && j + 1 < text.Length && char.IsLetter(text[j + 1]))
            {
                j = j + 1 + Regex.Match(text[(j + 1)..], @"^\w+").Length;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    /// <summary>The index just past the bracket that closes the one at <paramref name="open"/>.</summary>
    private static int Balanced(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '(' or '[' or '{' => 1, ')' or ']' or '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static Dictionary<string, string> Strings(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static string Placeholders(string value) => string.Join(",", Placeholder().Matches(value).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(?<localizer>[LT])\[""(?<key>[^""]+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*@(model|inject|using|addTagHelper)\b.*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@">(?<text>[^<>]+)<")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\b(aria-label|title|alt|placeholder)=""(?<value>[^""]*)""")]
    private static partial Regex HumanAttribute();

    [GeneratedRegex(@"""[A-Z][a-z']*(?: [A-Za-z',.?!:]+)+""")]
    private static partial Regex ProseString();

    [GeneratedRegex(@"&#?\w+;")]
    private static partial Regex Entity();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Word();
}
