using System.Globalization;
using AbovePT.Web.Features.Inbox;
using System.Text;
using System.Text.RegularExpressions;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using Microsoft.Extensions.Localization;

namespace AbovePT.Web.Features.Appointments;

/// <summary>
/// The authority on what the form accepts: browsers' HTML checks are a convenience, this is the rule.
/// Every message says exactly what to fix. Fields are checked in the order the form shows them, which
/// is the order of the error summary.
/// </summary>
public static partial class AppointmentFormValidator
{
    public const int EarliestDateMaxDaysAhead = 90;

    /// <summary>The problems with <paramref name="form"/>, each in the page's language (<paramref name="text"/>, <see cref="CultureInfo.CurrentCulture"/>).</summary>
    public static IReadOnlyList<(string Field, string Message)> Validate(AppointmentForm form, ClinicOptions clinic, DateOnly today, IStringLocalizer<AppointmentText> text)
    {
        var errors = new List<(string, string)>();
        void Fail(string field, string message) => errors.Add((field, message));

        if (string.IsNullOrWhiteSpace(form.Location))
        {
            Fail(nameof(form.Location), text["Location.Missing"]);
        }
        else if (clinic.Find(form.Location) is null)
        {
            Fail(nameof(form.Location), text["Location.Unknown"]);
        }

        Name(nameof(form.FirstName), text["Label.FirstName"], form.FirstName);
        Name(nameof(form.LastName), text["Label.LastName"], form.LastName);

        if (SingleLine(nameof(form.Phone), text["Label.Phone"], form.Phone, AppointmentLimits.PhoneInput, required: true))
        {
            PatientPhone.Parse(form.Phone!, out var problem);
            if (problem == PhoneProblem.ExtensionTooLong)
            {
                Fail(nameof(form.Phone), text["Phone.ExtensionTooLong", PatientPhone.MaxExtensionLength]);
            }
            else if (problem != PhoneProblem.None)
            {
                Fail(nameof(form.Phone), text["Phone.Invalid"]);
            }
        }

        if (form.ContactMethod == "email" && string.IsNullOrWhiteSpace(form.Email))
        {
            Fail(nameof(form.Email), text["Email.NeededToEmail"]);
        }
        else if (SingleLine(nameof(form.Email), text["Label.Email"], form.Email, AppointmentLimits.Email, required: false)
            && !string.IsNullOrWhiteSpace(form.Email))
        {
            var email = PatientText.Clean(form.Email);
            if (!IsEmailAddress(email))
            {
                Fail(nameof(form.Email), text["Email.Invalid"]);
            }
            else if (!Ascii.IsValid(email.AsSpan(0, email.IndexOf('@'))))
            {
                // Delivering to a non-ASCII mailbox name needs SMTPUTF8 all the way, which many servers lack; an
                // accented domain is fine (it is sent in its ASCII form).
                Fail(nameof(form.Email), text["Email.AccentedMailbox"]);
            }
        }

        OneOf(nameof(form.ContactMethod), form.ContactMethod, AppointmentChoices.ContactMethods,
            text["ContactMethod.Missing"], text["ContactMethod.Unknown"]);
        OneOf(nameof(form.PatientType), form.PatientType, AppointmentChoices.PatientTypes,
            text["PatientType.Missing"], text["PatientType.Unknown"]);
        OneOf(nameof(form.Reason), form.Reason, AppointmentChoices.Reasons,
            text["Reason.Missing"], text["Reason.Unknown"]);

        if (form.Message is { } message)
        {
            if (PatientText.Check(message, multiline: true) != TextProblem.None)
            {
                Fail(nameof(form.Message), text["Message.Invisible"]);
            }
            else if (Normalize(PatientText.Clean(message)) is { Length: > AppointmentLimits.Message } normalized)
            {
                Fail(nameof(form.Message), text["Message.TooLong", AppointmentLimits.Message, normalized.Length]);
            }
        }

        if (form.PreferredDays.Any(d => !AppointmentChoices.Contains(AppointmentChoices.Days, d)) || form.PreferredDays.Count > 10)
        {
            Fail(nameof(form.PreferredDays), text["PreferredDays.Unknown"]);
        }

        if (form.PreferredTimes.Any(t => !AppointmentChoices.Contains(AppointmentChoices.Times, t)) || form.PreferredTimes.Count > 10)
        {
            Fail(nameof(form.PreferredTimes), text["PreferredTimes.Unknown"]);
        }

        if (!string.IsNullOrWhiteSpace(form.EarliestDate))
        {
            var latest = today.AddDays(EarliestDateMaxDaysAhead);
            if (!DateOnly.TryParseExact(form.EarliestDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var earliest))
            {
                Fail(nameof(form.EarliestDate), text["EarliestDate.Format", today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            }
            else if (earliest < today)
            {
                Fail(nameof(form.EarliestDate), text["EarliestDate.Past"]);
            }
            else if (earliest > latest)
            {
                Fail(nameof(form.EarliestDate), text["EarliestDate.TooFar", EarliestDateMaxDaysAhead, ArizonaTime.FormatDate(latest, CultureInfo.CurrentCulture)]);
            }
        }

        OneOf(nameof(form.Referral), form.Referral, AppointmentChoices.Referrals,
            text["Referral.Missing"], text["Referral.Unknown"]);

        if (SingleLine(nameof(form.Insurance), text["Label.Insurance"], form.Insurance, AppointmentLimits.Insurance, required: false)
            && form.Insurance is not null && LongDigitRun().IsMatch(form.Insurance))
        {
            Fail(nameof(form.Insurance), text["Insurance.MemberId"]);
        }

        if (!form.Consent)
        {
            Fail(nameof(form.Consent), text["Consent.Missing"]);
        }

        return errors;

        bool SingleLine(string field, string label, string? value, int maxLength, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    Fail(field, text["Text.Required", label]);
                }

                return false;
            }

            // Checked before trimming: a trailing line break is exactly what header injection needs.
            switch (PatientText.Check(value))
            {
                case TextProblem.ControlCharacter:
                    Fail(field, text["Text.ControlCharacter", label]);
                    return false;
                case TextProblem.Invisible:
                    Fail(field, text["Text.Invisible", label]);
                    return false;
            }

            if (PatientText.Clean(value).Length > maxLength)
            {
                Fail(field, text["Text.TooLong", label, maxLength]);
                return false;
            }

            return true;
        }

        void Name(string field, string label, string? value)
        {
            if (SingleLine(field, label, value, AppointmentLimits.Name, required: true) && !PatientText.HasLetter(value!))
            {
                Fail(field, text["Text.NoLetter", label]);
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
