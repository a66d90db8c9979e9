using System.Globalization;
using AbovePT.Web.Features.Inbox;
using System.Text;
using System.Text.RegularExpressions;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;

namespace AbovePT.Web.Features.Appointments;

/// <summary>
/// The authority on what the form accepts: browsers' HTML checks are a convenience, this is the rule.
/// Every message says exactly what to fix. Fields are checked in the order the form shows them, which
/// is the order of the error summary.
/// </summary>
public static partial class AppointmentFormValidator
{
    public const int EarliestDateMaxDaysAhead = 90;

    public static IReadOnlyList<(string Field, string Message)> Validate(AppointmentForm form, ClinicOptions clinic, DateOnly today)
    {
        var errors = new List<(string, string)>();
        void Fail(string field, string message) => errors.Add((field, message));

        if (string.IsNullOrWhiteSpace(form.Location))
        {
            Fail(nameof(form.Location), "Choose the clinic you'd like to visit.");
        }
        else if (clinic.Find(form.Location) is null)
        {
            Fail(nameof(form.Location), "Choose Queen Creek or Phoenix.");
        }

        Name(nameof(form.FirstName), "first name", form.FirstName);
        Name(nameof(form.LastName), "last name", form.LastName);

        if (SingleLine(nameof(form.Phone), "phone number", form.Phone, AppointmentLimits.PhoneInput, required: true))
        {
            PatientPhone.Parse(form.Phone!, out var problem);
            if (problem == PhoneProblem.ExtensionTooLong)
            {
                Fail(nameof(form.Phone), $"The extension can have at most {PatientPhone.MaxExtensionLength} digits.");
            }
            else if (problem != PhoneProblem.None)
            {
                Fail(nameof(form.Phone), "Enter a phone number with area code, like 480-555-0134 (or 480-555-0134 ext. 12); for a number outside the US, start with + and the country code, like +52 55 1234 5678.");
            }
        }

        if (form.ContactMethod == "email" && string.IsNullOrWhiteSpace(form.Email))
        {
            Fail(nameof(form.Email), "Enter your e-mail address, or choose to be contacted by phone or text.");
        }
        else if (SingleLine(nameof(form.Email), "e-mail address", form.Email, AppointmentLimits.Email, required: false)
            && !string.IsNullOrWhiteSpace(form.Email))
        {
            var email = PatientText.Clean(form.Email);
            if (!IsEmailAddress(email))
            {
                Fail(nameof(form.Email), "Enter an e-mail address like name@example.com.");
            }
            else if (!Ascii.IsValid(email.AsSpan(0, email.IndexOf('@'))))
            {
                // Delivering to a non-ASCII mailbox name needs SMTPUTF8 all the way, which many servers lack; an
                // accented domain is fine (it is sent in its ASCII form).
                Fail(nameof(form.Email), "Use only unaccented letters, digits and . _ - + before the @ (accents are fine after it), or leave the e-mail empty and we'll call you.");
            }
        }

        OneOf(nameof(form.ContactMethod), form.ContactMethod, AppointmentChoices.ContactMethods,
            "Choose how the clinic should contact you.", "Choose phone call, text message or e-mail.");
        OneOf(nameof(form.PatientType), form.PatientType, AppointmentChoices.PatientTypes,
            "Tell us whether you are a new or a returning patient.", "Choose new patient or returning patient.");
        OneOf(nameof(form.Reason), form.Reason, AppointmentChoices.Reasons,
            "Choose the main reason for your visit.", "Choose one of the listed reasons.");

        if (form.Message is { } message)
        {
            if (PatientText.Check(message, multiline: true) != TextProblem.None)
            {
                Fail(nameof(form.Message), "Your message contains invisible, text-direction or control characters (often pasted from another app); please type it again.");
            }
            else if (Normalize(PatientText.Clean(message)) is { Length: > AppointmentLimits.Message } normalized)
            {
                Fail(nameof(form.Message), $"Your message must be {AppointmentLimits.Message} characters or fewer; it has {normalized.Length}.");
            }
        }

        if (form.PreferredDays.Any(d => !AppointmentChoices.Contains(AppointmentChoices.Days, d)) || form.PreferredDays.Count > 10)
        {
            Fail(nameof(form.PreferredDays), "Choose preferred days from Monday to Friday.");
        }

        if (form.PreferredTimes.Any(t => !AppointmentChoices.Contains(AppointmentChoices.Times, t)) || form.PreferredTimes.Count > 10)
        {
            Fail(nameof(form.PreferredTimes), "Choose morning, afternoon or evening.");
        }

        if (!string.IsNullOrWhiteSpace(form.EarliestDate))
        {
            var latest = today.AddDays(EarliestDateMaxDaysAhead);
            if (!DateOnly.TryParseExact(form.EarliestDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var earliest))
            {
                Fail(nameof(form.EarliestDate), "Enter the earliest date as year-month-day, for example " + today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".");
            }
            else if (earliest < today)
            {
                Fail(nameof(form.EarliestDate), "The earliest date can't be in the past.");
            }
            else if (earliest > latest)
            {
                Fail(nameof(form.EarliestDate), $"The earliest date must be within {EarliestDateMaxDaysAhead} days, by {latest.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}.");
            }
        }

        OneOf(nameof(form.Referral), form.Referral, AppointmentChoices.Referrals,
            "Tell us whether you have a physician's referral (choose \"Not sure\" if you don't know).", "Choose yes, no or not sure.");

        if (SingleLine(nameof(form.Insurance), "insurance", form.Insurance, AppointmentLimits.Insurance, required: false)
            && form.Insurance is not null && LongDigitRun().IsMatch(form.Insurance))
        {
            Fail(nameof(form.Insurance), "Enter only your insurance company's name (or \"self-pay\"), never your member ID.");
        }

        if (!form.Consent)
        {
            Fail(nameof(form.Consent), "Tick the box to confirm you have read and agree to this.");
        }

        return errors;

        bool SingleLine(string field, string label, string? value, int maxLength, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    Fail(field, $"Enter your {label}.");
                }

                return false;
            }

            // Checked before trimming: a trailing line break is exactly what header injection needs.
            switch (PatientText.Check(value))
            {
                case TextProblem.ControlCharacter:
                    Fail(field, $"Your {label} can't contain line breaks or special control characters.");
                    return false;
                case TextProblem.Invisible:
                    Fail(field, $"Your {label} contains an invisible or text-direction character (often pasted from another app); please type it again.");
                    return false;
            }

            if (PatientText.Clean(value).Length > maxLength)
            {
                Fail(field, $"Your {label} must be {maxLength} characters or fewer.");
                return false;
            }

            return true;
        }

        void Name(string field, string label, string? value)
        {
            if (SingleLine(field, label, value, AppointmentLimits.Name, required: true) && !PatientText.HasLetter(value!))
            {
                Fail(field, $"Your {label} must contain at least one letter.");
            }
        }

        void OneOf(string field, string? value, IReadOnlyList<Choice> choices, string whenMissing, string whenUnknown)
        {
            if (string.IsNullOrEmpty(value))
            {
                Fail(field, whenMissing);
            }
            else if (!AppointmentChoices.Contains(choices, value))
            {
                Fail(field, whenUnknown);
            }
        }
    }

    /// <summary>The entity for a form that <see cref="Validate"/> accepted: trimmed, normalised, nothing else.</summary>
    public static AppointmentRequest ToRequest(AppointmentForm form, string reference, Guid submissionId, DateTime nowUtc, string language)
    {
        var email = Cleaned(form.Email);
        var phone = PatientPhone.Parse(form.Phone!, out _)!;
        var lastName = PatientText.Clean(form.LastName!);
        return new AppointmentRequest
        {
            Reference = reference,
            SubmissionId = submissionId,
            LocationId = form.Location!,
            ReceivedAtUtc = nowUtc,
            FirstName = PatientText.Clean(form.FirstName!),
            LastName = lastName,
            LastNameKey = SearchKeys.Name(lastName),
            Phone = phone.E164,
            PhoneKey = SearchKeys.Phone(phone.E164),
            PhoneExtension = phone.Extension,
            Email = email,
            ContactMethod = form.ContactMethod!,
            PatientType = form.PatientType!,
            Reason = form.Reason!,
            Message = Cleaned(form.Message) is { } message ? Normalize(message) : null,
            PreferredDays = string.Join(',', AppointmentChoices.Days.Select(c => c.Value).Where(form.PreferredDays.Contains)),
            PreferredTimes = string.Join(',', AppointmentChoices.Times.Select(c => c.Value).Where(form.PreferredTimes.Contains)),
            EarliestDate = string.IsNullOrWhiteSpace(form.EarliestDate)
                ? null
                : DateOnly.ParseExact(form.EarliestDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Referral = form.Referral!,
            Insurance = Cleaned(form.Insurance),
            ConsentVersion = ConsentText.Version,
            ConsentedAtUtc = nowUtc,
            SourceArticle = Slug(form.SourceArticle),
            Language = language,
            FrontDeskMail = MailDelivery.PendingFrom(nowUtc),
            PatientMail = email is null ? MailDelivery.NotNeeded() : MailDelivery.PendingFrom(nowUtc),
            FollowUp = RequestFollowUp.New(),
        };
    }

    /// <summary>An article slug exactly as the site makes them, or null: this value comes from a link anyone can write.</summary>
    public static string? Slug(string? value) => value is not null && SlugPattern().IsMatch(value) ? value : null;

    private static bool IsEmailAddress(string value) =>
        MimeKit.MailboxAddress.TryParse(value, out var address)
        && address.Address == value
        && string.IsNullOrEmpty(address.Name)
        && System.Net.Mail.MailAddress.TryCreate(value, out var parsed)
        && parsed.Address == value
        && value.Contains('.', StringComparison.Ordinal);

    private static string? Cleaned(string? value) => string.IsNullOrWhiteSpace(value) ? null : PatientText.Clean(value);

    private static string Normalize(string message) => message.ReplaceLineEndings("\n");

    [GeneratedRegex(@"^[a-z0-9-]{1,100}\z")]
    private static partial Regex SlugPattern();

    /// <summary>Five digits in a row look like a member or policy number, which must never be stored.</summary>
    [GeneratedRegex(@"\d{5}")]
    private static partial Regex LongDigitRun();
}
