using System.Text.Json;
using AngleSharp.Dom;

namespace AbovePT.Web.Tests.Articles;

/// <summary>Reads a page's JSON-LD the way a search engine does, and checks the practice and its clinics in it.</summary>
public static class StructuredData
{
    public const string PracticeId = "https://www.abovept.example/#practice";

    /// <summary>One clinic as its node must describe it.</summary>
    public sealed record ClinicNode(string Id, string Name, string Street, string City, string PostalCode, string Telephone, string Fax, string Url);

    public static IReadOnlyList<ClinicNode> Clinics(string url) =>
    [
        new("https://www.abovept.example/#clinic-queen-creek", "Above & Beyond Physical Therapy, Queen Creek", "21321 E. Ocotillo Rd., Suite 122", "Queen Creek", "85142", "+14809871870", "+14809879289", url),
        new("https://www.abovept.example/#clinic-phoenix", "Above & Beyond Physical Therapy, Phoenix", "3201 W. Peoria Ave., Suite D800", "Phoenix", "85029", "+16028662231", "+16028662261", url),
    ];

    /// <summary>The nodes of the page's one JSON-LD block, cloned so they outlive the parsed document.</summary>
    public static IReadOnlyList<JsonElement> Graph(IDocument document)
    {
        var script = Assert.Single(document.QuerySelectorAll("script[type='application/ld+json']"));
        return Graph(script.TextContent);
    }

    public static IReadOnlyList<JsonElement> Graph(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal("https://schema.org", parsed.RootElement.GetProperty("@context").GetString());
        return [.. parsed.RootElement.GetProperty("@graph").EnumerateArray().Select(n => n.Clone())];
    }

    public static JsonElement Node(IReadOnlyList<JsonElement> graph, string type) =>
        Assert.Single(graph, n => n.GetProperty("@type").GetString() == type);

    /// <summary>
    /// The practice is one <c>MedicalOrganization</c>, and each clinic its own <c>Physiotherapy</c> node with its
    /// address, phone, fax and map, whose parent is the practice: exactly <paramref name="expected"/>, in order.
    /// </summary>
    public static void AssertPracticeAndClinics(IReadOnlyList<JsonElement> graph, IReadOnlyList<ClinicNode> expected)
    {
        var practice = Node(graph, "MedicalOrganization");
        Assert.Equal(PracticeId, practice.GetProperty("@id").GetString());
        Assert.Equal("Above & Beyond Physical Therapy", practice.GetProperty("name").GetString());
        Assert.Equal("https://www.abovept.example/", practice.GetProperty("url").GetString());

        var clinics = graph.Where(n => n.GetProperty("@type").GetString() == "Physiotherapy").ToList();
        Assert.Equal(
            expected,
            clinics.Select(c => new ClinicNode(
                c.GetProperty("@id").GetString()!,
                c.GetProperty("name").GetString()!,
                c.GetProperty("address").GetProperty("streetAddress").GetString()!,
                c.GetProperty("address").GetProperty("addressLocality").GetString()!,
                c.GetProperty("address").GetProperty("postalCode").GetString()!,
                c.GetProperty("telephone").GetString()!,
                c.GetProperty("faxNumber").GetString()!,
                c.GetProperty("url").GetString()!)));
        Assert.All(clinics, c =>
        {
            Assert.Equal(PracticeId, c.GetProperty("parentOrganization").GetProperty("@id").GetString());
            Assert.Equal("PostalAddress", c.GetProperty("address").GetProperty("@type").GetString());
            Assert.Equal("AZ", c.GetProperty("address").GetProperty("addressRegion").GetString());
            Assert.Equal("US", c.GetProperty("address").GetProperty("addressCountry").GetString());
            Assert.StartsWith("https://www.google.com/maps/", c.GetProperty("hasMap").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(expected.Count, clinics.Select(c => c.GetProperty("@id").GetString()).Distinct().Count());
    }
}
