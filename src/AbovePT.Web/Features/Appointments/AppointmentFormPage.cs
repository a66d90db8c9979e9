using System.Globalization;
using AbovePT.Web.Clinic;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AbovePT.Web.Features.Appointments;

/// <summary>What the form view needs: the posted values, their errors, and the clinics to choose from.</summary>
public sealed class AppointmentFormPage(AppointmentForm form, ModelStateDictionary modelState, IReadOnlyList<ClinicLocation> locations, DateOnly today)
{
    /// <summary>The fields in the order the form shows them, which is the order of the error summary.</summary>
    private static readonly string[] FieldOrder =
    [
        nameof(AppointmentForm.Location), nameof(AppointmentForm.FirstName), nameof(AppointmentForm.LastName),
        nameof(AppointmentForm.Phone), nameof(AppointmentForm.Email), nameof(AppointmentForm.ContactMethod),
        nameof(AppointmentForm.PatientType), nameof(AppointmentForm.Reason), nameof(AppointmentForm.Message),
        nameof(AppointmentForm.PreferredDays), nameof(AppointmentForm.PreferredTimes), nameof(AppointmentForm.EarliestDate),
        nameof(AppointmentForm.Referral), nameof(AppointmentForm.Insurance), nameof(AppointmentForm.Consent),
    ];

    /// <summary>The model-state key of a message about the whole form rather than one field.</summary>
    public const string FormError = "";

    public AppointmentForm Form => form;

    public IReadOnlyList<ClinicLocation> Locations => locations;

    public string MinDate => today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string MaxDate => today.AddDays(AppointmentFormValidator.EarliestDateMaxDaysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public bool HasErrors => Errors.Any();

    /// <summary>Each error with the id of the control its summary link moves focus to.</summary>
    public IEnumerable<(string Message, string TargetId)> Errors =>
        FieldOrder.Prepend(FormError).Select(name => (Message: ErrorFor(name), Target: TargetId(name)))
            .Where(e => e.Message is not null)
            .Select(e => (e.Message!, e.Target));

    public string? ErrorFor(string field) =>
        modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public bool IsInvalid(string field) => ErrorFor(field) is not null;

    /// <summary>The value for <c>aria-describedby</c>: the field's hint and, when invalid, its error.</summary>
    public string? DescribedBy(string field, string? hintId = null)
    {
        var ids = new[] { hintId, IsInvalid(field) ? ErrorId(field) : null }.Where(id => id is not null);
        var value = string.Join(' ', ids);
        return value.Length == 0 ? null : value;
    }

    public static string ErrorId(string field) => field + "-error";

    public static string OptionId(string field, string value) => $"{field}-{value}";

    public bool IsChecked(string field, string value) => field switch
    {
        nameof(AppointmentForm.Location) => form.Location == value,
        nameof(AppointmentForm.ContactMethod) => form.ContactMethod == value,
        nameof(AppointmentForm.PatientType) => form.PatientType == value,
        nameof(AppointmentForm.Reason) => form.Reason == value,
        nameof(AppointmentForm.Referral) => form.Referral == value,
        nameof(AppointmentForm.PreferredDays) => form.PreferredDays.Contains(value),
        nameof(AppointmentForm.PreferredTimes) => form.PreferredTimes.Contains(value),
        _ => false,
    };

    /// <summary>Groups of radios or checkboxes are reached through their first option.</summary>
    private string TargetId(string field) => field switch
    {
        FormError => TargetId(nameof(AppointmentForm.Location)),
        nameof(AppointmentForm.Location) => OptionId(field, locations[0].Id),
        nameof(AppointmentForm.ContactMethod) => OptionId(field, AppointmentChoices.ContactMethods[0].Value),
        nameof(AppointmentForm.PatientType) => OptionId(field, AppointmentChoices.PatientTypes[0].Value),
        nameof(AppointmentForm.Reason) => OptionId(field, AppointmentChoices.Reasons[0].Value),
        nameof(AppointmentForm.PreferredDays) => OptionId(field, AppointmentChoices.Days[0].Value),
        nameof(AppointmentForm.PreferredTimes) => OptionId(field, AppointmentChoices.Times[0].Value),
        nameof(AppointmentForm.Referral) => OptionId(field, AppointmentChoices.Referrals[0].Value),
        _ => field,
    };
}

/// <summary>The confirmation: a reference and a phone number, never anything about the patient's health.</summary>
/// <remarks><see cref="Location"/> is null only if the request's clinic has since been removed from the settings.</remarks>
public sealed record ReceivedPage(string Reference, ClinicLocation? Location, string ContactMethodLabel, bool ConfirmationEmailed);

/// <summary>A request the site turned away before reading it (expired form, too large).</summary>
public sealed record NotAcceptedPage(string Heading, string Explanation);
