namespace AbovePT.Web.Features.Appointments;

public sealed record Choice(string Value, string Label);

/// <summary>
/// The closed lists the form offers. The values are the form's public contract (links, browser tests,
/// stored rows); anything else posted is a validation error, never stored.
/// </summary>
public static class AppointmentChoices
{
    public static readonly IReadOnlyList<Choice> ContactMethods =
        [new("phone", "Phone call"), new("text", "Text message"), new("email", "E-mail")];

    public static readonly IReadOnlyList<Choice> PatientTypes =
        [new("new", "New patient"), new("returning", "Returning patient")];

    public static readonly IReadOnlyList<Choice> Reasons =
    [
        new("knee", "Knee"),
        new("back", "Back"),
        new("neck-shoulder", "Neck or shoulder"),
        new("post-surgery", "Recovery after surgery"),
        new("sports-injury", "Sports injury"),
        new("other", "Something else"),
    ];

    public static readonly IReadOnlyList<Choice> Days =
        [new("mon", "Monday"), new("tue", "Tuesday"), new("wed", "Wednesday"), new("thu", "Thursday"), new("fri", "Friday")];

    public static readonly IReadOnlyList<Choice> Times =
        [new("morning", "Morning"), new("afternoon", "Afternoon"), new("evening", "Evening")];

    public static readonly IReadOnlyList<Choice> Referrals =
        [new("yes", "Yes, I have a referral"), new("no", "No referral"), new("unsure", "Not sure")];

    public static bool Contains(IReadOnlyList<Choice> choices, string? value) => choices.Any(c => c.Value == value);

    public static string Label(IReadOnlyList<Choice> choices, string value) =>
        choices.FirstOrDefault(c => c.Value == value)?.Label ?? value;

    public static string Labels(IReadOnlyList<Choice> choices, IEnumerable<string> values, string whenEmpty)
    {
        var labels = choices.Where(c => values.Contains(c.Value)).Select(c => c.Label).ToList();
        return labels.Count == 0 ? whenEmpty : string.Join(", ", labels);
    }
}

/// <summary>
/// The consent the patient ticks, whose wording is the resource <c>Consent</c> of <see cref="AppointmentText"/> in
/// each language. Its version is stored with each request, so changing the wording in either language means a
/// new <see cref="Version"/>; the two languages say the same and share one.
/// </summary>
public static class ConsentText
{
    public const string Version = "2026-11-25";
}
