namespace AbovePT.Web.Clinic;

/// <summary>One clinic, exactly as the practice publishes it.</summary>
public sealed class ClinicLocation
{
    /// <summary>The configuration key (<c>queen-creek</c>, <c>phoenix</c>); filled in at start-up.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Short code used in appointment references, e.g. <c>QC</c>.</summary>
    public string Code { get; set; } = "";

    public string StreetAddress { get; set; } = "";

    public string City { get; set; } = "";

    public string Region { get; set; } = "AZ";

    public string PostalCode { get; set; } = "";

    /// <summary>Phone as the clinic writes it, e.g. <c>480.987.1870</c>.</summary>
    public string Phone { get; set; } = "";

    public string Fax { get; set; } = "";

    public string MapUrl { get; set; } = "";

    /// <summary>The front desk's inbox: appointment requests for this location are sent here.</summary>
    public string Email { get; set; } = "";

    /// <summary>The phone in E.164 form for <c>tel:</c> links and structured data.</summary>
    public string PhoneE164 => ToE164(Phone);

    public string FaxE164 => ToE164(Fax);

    public string CityLine => $"{City}, {Region} {PostalCode}";

    private static string ToE164(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 10 ? "+1" + digits : "+" + digits;
    }
}
