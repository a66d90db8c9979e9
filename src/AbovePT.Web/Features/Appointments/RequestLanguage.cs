using System.Globalization;
using AbovePT.Web.Data;

namespace AbovePT.Web.Features.Appointments;

/// <summary>
/// The language a request was made in, as <see cref="AppointmentRequest.Language"/> stores it, and how the staff
/// side (always English) names it: the front desk's e-mail, the request's page and the export say it alike.
/// </summary>
public static class RequestLanguage
{
    public const string English = "en";

    public const string Spanish = "es";

    /// <summary>
    /// First in the front desk's e-mail and at the top of the request's page when the request was made in Spanish:
    /// the call back is made in Spanish. An English request says nothing, as it always did: English is what the
    /// front desk expects, so the one line stands out where it matters instead of being on every request.
    /// </summary>
    public const string SpanishSpeaker = "Patient's language: Spanish";

    /// <summary>The language of a request made on a page in <paramref name="uiCulture"/> (the path's, see <c>SiteLanguages</c>).</summary>
    public static string Of(CultureInfo uiCulture) => uiCulture.TwoLetterISOLanguageName == Spanish ? Spanish : English;

    public static bool IsSpanish(AppointmentRequest request) => request.Language == Spanish;

    /// <summary>The language's name in English, for the staff side.</summary>
    public static string Name(AppointmentRequest request) => IsSpanish(request) ? "Spanish" : "English";
}
