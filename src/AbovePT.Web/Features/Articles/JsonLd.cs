using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AbovePT.Web.Clinic;
using AbovePT.Web.Hosting;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// A <c>&lt;script type="application/ld+json"&gt;</c> data block. The JSON is serialized here with the
/// default JavaScript encoder, which writes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as <c>\u003C</c> and
/// so on: no value (a title containing <c>&lt;/script&gt;</c>, say) can close the block early.
/// </summary>
public sealed class JsonLdScript(JsonNode data) : IHtmlContent
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default };

    public string Json { get; } = data.ToJsonString(Options);

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        writer.Write("<script type=\"application/ld+json\">");
        writer.Write(Json);
        writer.Write("</script>");
    }
}

/// <summary>
/// The practice and its clinics as schema.org describes them, for every page that carries structured data: the
/// practice is a <c>MedicalOrganization</c>, and each clinic its own <c>Physiotherapy</c> business (address,
/// telephone, fax, map) whose <c>parentOrganization</c> is the practice, so local search reads two businesses.
/// </summary>
/// <remarks>
/// The <c>@id</c>s are the same on every page and in both languages (the same practice, the same clinics); only
/// the clinics' <c>url</c> follows the page's language. Everything comes from <c>Clinic</c> and <c>Site:BaseUrl</c>.
/// </remarks>
public sealed class PracticeJsonLd(IOptions<SiteOptions> site, IOptions<ClinicOptions> clinic)
{
    public string PracticeId => site.Value.Absolute("/").ToString() + "#practice";

    public string ClinicId(ClinicLocation location) => site.Value.Absolute("/").ToString() + "#clinic-" + location.Id;

    /// <summary>The home page's data block: the practice and its clinics.</summary>
    public JsonLdScript Build(string language) => new(new JsonObject
    {
        ["@context"] = "https://schema.org",
        ["@graph"] = new JsonArray([.. Nodes(language)]),
    });

    /// <summary>The practice's node, then one per clinic in the order the site shows them.</summary>
    public IEnumerable<JsonNode> Nodes(string language)
    {
        var practice = clinic.Value;
        var home = site.Value.Absolute("/").ToString();
        var languageHome = site.Value.Absolute(ArticleLanguage.HomePath(language)).ToString();
        yield return new JsonObject
        {
            ["@type"] = "MedicalOrganization",
            ["@id"] = PracticeId,
            ["name"] = practice.PracticeName,
            ["url"] = home,
        };

        foreach (var location in practice.OrderedLocations)
        {
            yield return new JsonObject
            {
                ["@type"] = "Physiotherapy",
                ["@id"] = ClinicId(location),
                ["name"] = $"{practice.PracticeName}, {location.Name}",
                // No clinic has a page of its own; the home page in the page's language shows each one.
                ["url"] = languageHome,
                ["address"] = new JsonObject
                {
                    ["@type"] = "PostalAddress",
                    ["streetAddress"] = location.StreetAddress,
                    ["addressLocality"] = location.City,
                    ["addressRegion"] = location.Region,
                    ["postalCode"] = location.PostalCode,
                    ["addressCountry"] = "US",
                },
                ["telephone"] = location.PhoneE164,
                ["faxNumber"] = location.FaxE164,
                ["hasMap"] = location.MapUrl,
                ["parentOrganization"] = new JsonObject { ["@id"] = PracticeId },
            };
        }
    }
}

/// <summary>
/// Structured data for an article page, as schema.org describes it: the page is a <c>MedicalWebPage</c> in the
/// article's language, written and published by the practice, with the practice and its clinics
/// (<see cref="PracticeJsonLd"/>) beside it, and a link to its translation when it has one.
/// </summary>
public sealed class ArticleJsonLd(IOptions<SiteOptions> site, IOptions<ClinicOptions> clinic)
{
    private readonly PracticeJsonLd _practice = new(site, clinic);

    public JsonLdScript Build(Article article)
    {
        var practiceId = _practice.PracticeId;
        var pageUrl = site.Value.Absolute(article.Path).ToString();

        var page = new JsonObject
        {
            ["@type"] = "MedicalWebPage",
            ["@id"] = pageUrl + "#page",
            ["url"] = pageUrl,
            ["name"] = article.Title,
            ["headline"] = article.Title,
            ["description"] = article.Description,
            ["inLanguage"] = ArticleLanguage.Tag(article.Language),
            ["datePublished"] = Date(article.Published),
            ["dateModified"] = Date(article.LastModified),
            ["author"] = string.Equals(article.Author, clinic.Value.PracticeName, StringComparison.Ordinal)
                ? new JsonObject { ["@id"] = practiceId }
                : new JsonObject { ["@type"] = "Person", ["name"] = article.Author },
            ["publisher"] = new JsonObject { ["@id"] = practiceId },
        };
        if (article.Tags.Count > 0)
        {
            page["keywords"] = string.Join(", ", article.Tags);
        }

        if (article.LastReviewed is { } reviewed)
        {
            page["lastReviewed"] = Date(reviewed);
        }

        if (article.ReviewedBy is { } reviewer)
        {
            page["reviewedBy"] = new JsonObject { ["@type"] = "Person", ["name"] = reviewer };
        }

        if (article.Twin is { } twin)
        {
            // schema.org's pair: a translation names its original's page, an original its translation's.
            var twinPage = new JsonObject { ["@id"] = site.Value.Absolute(twin.Path) + "#page" };
            page[article.TranslationOf is null ? "workTranslation" : "translationOfWork"] = twinPage;
        }

        return new JsonLdScript(new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new JsonArray([page, .. _practice.Nodes(article.Language)]),
        });
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
