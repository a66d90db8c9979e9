namespace AbovePT.Web.Features.Appointments;

/// <summary>
/// What the form posts, bound by these exact names (the form's public contract). Only validated values
/// are copied to <see cref="Data.AppointmentRequest"/>, so no posted field can reach the database unchecked.
/// </summary>
public sealed class AppointmentForm
{
    public string? Location { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? ContactMethod { get; set; }

    public string? PatientType { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    public IList<string> PreferredDays { get; init; } = [];

    public IList<string> PreferredTimes { get; init; } = [];

    /// <summary><c>yyyy-MM-dd</c>, as a date input posts it; kept as text so a wrong value can be shown back.</summary>
    public string? EarliestDate { get; set; }

    public string? Referral { get; set; }

    public string? Insurance { get; set; }

    public bool Consent { get; set; }

    public string? SourceArticle { get; set; }

    /// <summary>Protected one-time submission id and render time (see <see cref="FormTokens"/>).</summary>
    public string? FormToken { get; set; }

    /// <summary>Honeypot: hidden from people, filled in by naive bots.</summary>
    public string? Homepage { get; set; }
}
