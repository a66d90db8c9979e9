namespace AbovePT.Web.Clinic;

/// <summary>The practice and its locations, bound from the <c>Clinic</c> configuration section.</summary>
public sealed class ClinicOptions
{
    public const string Section = "Clinic";

    /// <summary>Location ids the site is built around; each must be configured.</summary>
    public static readonly IReadOnlyList<string> RequiredLocationIds = ["queen-creek", "phoenix"];

    public string PracticeName { get; set; } = "Above & Beyond Physical Therapy";

    public Dictionary<string, ClinicLocation> Locations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The locations in the order the site shows them.</summary>
    public IEnumerable<ClinicLocation> OrderedLocations =>
        RequiredLocationIds.Where(Locations.ContainsKey).Select(id => Locations[id]);

    public ClinicLocation? Find(string? id) =>
        id is not null && Locations.TryGetValue(id, out var location) ? location : null;
}
