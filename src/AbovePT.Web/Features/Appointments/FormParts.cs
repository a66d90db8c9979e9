namespace AbovePT.Web.Features.Appointments;

/// <summary>One labelled text input of the form, with its hint and error (<c>_TextField.cshtml</c>).</summary>
public sealed record TextField(AppointmentFormPage Page, string Name, string Label, string? Value, string Type, string Autocomplete, int MaxLength, bool Required, string? Hint);

/// <summary>A fieldset of radios or checkboxes with its legend and error (<c>_ChoiceGroup.cshtml</c>).</summary>
public sealed record ChoiceGroup(AppointmentFormPage Page, string Name, string Legend, IReadOnlyList<Choice> Choices, string Type, bool Required);
