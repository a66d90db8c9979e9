using PhoneNumbers;

namespace AbovePT.Web.Features.Appointments;

/// <summary>
/// A phone number as patients write it: US numbers with or without +1, with an extension ("ext 12", "x12"), and
/// numbers from other countries written with + and the country code (a Mexican mobile, say). The rules are
/// Google's libphonenumber, with the clinics' region, US, as the default. Stored as E.164 plus the extension.
/// </summary>
public sealed record PatientPhone(string E164, string? Extension)
{
    /// <summary>Long enough for any switchboard; longer is a typing slip.</summary>
    public const int MaxExtensionLength = Data.AppointmentLimits.PhoneExtension;

    private const string DefaultRegion = "US";

    private static readonly PhoneNumberUtil Rules = PhoneNumberUtil.GetInstance();

    private PhoneNumber Number { get; } = Rules.Parse(E164 + (Extension is null ? "" : ";ext=" + Extension), DefaultRegion);

    /// <summary>The number, or null when it is not a dialable number (the reason is for the form: <paramref name="problem"/>).</summary>
    public static PatientPhone? Parse(string input, out PhoneProblem problem)
    {
        problem = PhoneProblem.NotANumber;
        PhoneNumber number;
        try
        {
            number = Rules.Parse(input, DefaultRegion);
        }
        catch (NumberParseException)
        {
            return null;
        }

        if (!Rules.IsValidNumber(number))
        {
            return null;
        }

        var extension = string.IsNullOrEmpty(number.Extension) ? null : number.Extension;
        if (extension is { Length: > MaxExtensionLength })
        {
            problem = PhoneProblem.ExtensionTooLong;
            return null;
        }

        problem = PhoneProblem.None;
        return new PatientPhone(Rules.Format(number, PhoneNumberFormat.E164), extension);
    }

    /// <summary>For reading: <c>(480) 555-0142 ext. 12</c> for US numbers, <c>+52 55 1234 5678</c> for others.</summary>
    public string Display => Rules.Format(Number, Rules.GetRegionCodeForNumber(Number) == DefaultRegion ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);

    /// <summary>What a phone dials (RFC 3966): <c>tel:+1-480-555-0142;ext=12</c>, the extension after the call connects.</summary>
    public string TelUri => Rules.Format(Number, PhoneNumberFormat.RFC3966);
}

public enum PhoneProblem
{
    None,
    NotANumber,
    ExtensionTooLong,
}
