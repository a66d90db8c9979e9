using System.Globalization;
using System.Text;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments;

namespace AbovePT.Web.Features.Inbox;

/// <summary>
/// The admin's export of a filter's requests: UTF-8 with a byte-order mark (so Excel shows <c>José</c> as
/// typed), every field quoted (RFC 4180), and any cell a spreadsheet would read as a formula made plain text.
/// </summary>
/// <remarks>
/// New columns go at the end (Language did), so a spreadsheet built on an earlier export keeps its columns.
/// </remarks>
public static class InboxCsv
{
    private static readonly string[] Header =
    [
        "Reference", "Received (Arizona)", "Clinic", "First name", "Last name", "Phone", "E-mail", "Reason",
        "Status", "Held by", "Calls", "Appointment (Arizona)", "Language",
    ];

    public static byte[] Write(IEnumerable<AppointmentRequest> requests, ClinicOptions clinic)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var r in requests)
        {
            var followUp = r.FollowUp;
            Line(csv,
            [
                r.Reference,
                InboxFormat.When(r.ReceivedAtUtc),
                clinic.Find(r.LocationId)?.Name ?? r.LocationId,
                r.FirstName,
                r.LastName,
                new PatientPhone(r.Phone, r.PhoneExtension).Display,
                r.Email ?? "",
                AppointmentChoices.Label(AppointmentChoices.Reasons, r.Reason),
                InboxFormat.Status(followUp.Status),
                followUp.HolderName ?? "",
                followUp.CallCount.ToString(CultureInfo.InvariantCulture),
                followUp.AppointmentAtUtc is { } at ? InboxFormat.When(at) : "",
                RequestLanguage.Name(r),
            ]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// A cell as a spreadsheet must take it: quoted, and with a leading apostrophe when it begins with a character
    /// that starts a formula (<c>= + - @</c>, tab, carriage return), so <c>=HYPERLINK(...)</c> typed into a form stays
    /// text. OWASP's advice for CSV injection.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(",", cells.Select(Cell))).Append("\r\n");
}
