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
/// Structured data for an article page, as schema.org describes it: the page is a
/// <c>MedicalWebPage</c> written and published by the practice, a <c>Physiotherapy</c> business with
/// both clinics as its locations.
/// </summary>
public sealed class ArticleJsonLd(IOptions<SiteOptions> site, IOptions<ClinicOptions> clinic)
{
    public JsonLdScript Build(Article article)
    {
        var practice = clinic.Value;
        var home = site.Value.Absolute("/").ToString();
        var practiceId = home + "#practice";
        var pageUrl = site.Value.Absolute(article.Path).ToString();

        var page = new JsonObject
        {
            ["@type"] = "MedicalWebPage",
            ["@id"] = pageUrl + "#page",
            ["url"] = pageUrl,
            ["name"] = article.Title,
            ["headline"] = article.Title,
            ["description"] = article.Description,
            ["inLanguage"] = "en-US",
            ["datePublished"] = Date(article.Published),
            ["dateModified"] = Date(article.LastModified),
            ["author"] = string.Equals(article.Author, practice.PracticeName, StringComparison.Ordinal)
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

        var locations = new JsonArray();
        foreach (var location in practice.OrderedLocations)
        {
            locations.Add(new JsonObject
            {
                ["@type"] = "Place",
                ["name"] = $"{practice.PracticeName}, {location.Name}",
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
            });
        }

        var business = new JsonObject
        {
            ["@type"] = "Physiotherapy",
            ["@id"] = practiceId,
            ["name"] = practice.PracticeName,
            ["url"] = home,
            ["location"] = locations,
        };

        return new JsonLdScript(new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new JsonArray(page, business),
        });
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
