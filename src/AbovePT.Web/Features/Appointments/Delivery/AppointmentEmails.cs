using System.Globalization;
using System.Net;
using System.Text;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Email;
using MimeKit;

namespace AbovePT.Web.Features.Appointments.Delivery;

/// <summary>
/// Builds the two e-mails of a request. Pure: the same request always gives the same message, down to
/// the <c>Message-Id</c>, so a repeated delivery is recognisable as the same e-mail. Every patient value is
/// HTML-encoded in the HTML body and goes into headers only through MimeKit, which encodes it.
/// </summary>
public static class AppointmentEmails
{
    /// <summary>
    /// The front desk's e-mail, with <paramref name="requestPage"/> (the request's staff page) at the top.
    /// <see cref="FrontDeskDetail.Minimal"/> carries only what a call back needs; anything but
    /// <see cref="FrontDeskDetail.Full"/> is treated as minimal, so a value no one expected never adds detail.
    /// </summary>
    public static MimeMessage FrontDesk(AppointmentRequest request, ClinicLocation location, MailboxAddress sender, Uri requestPage, FrontDeskDetail detail)
    {
        var full = detail == FrontDeskDetail.Full;
        var message = NewMessage(request, sender, "front-desk");
        message.To.Add(new MailboxAddress($"{location.Name} front desk", location.Email));
        if (full && request.Email is not null)
        {
            // The front desk answers the patient with one click; never Reply-To our own sender.
            message.ReplyTo.Add(new MailboxAddress($"{request.FirstName} {request.LastName}", request.Email));
        }

        // The subject has no health details and only the last name's initial, so both kinds share it.
        message.Subject = $"{location.Name} appointment request: {request.FirstName} {Initial(request.LastName)}. ({request.Reference})";

        var phone = new PatientPhone(request.Phone, request.PhoneExtension);
        var rows = full ? FullRows(request, phone) : MinimalRows(request, location, phone);
        var link = requestPage.AbsoluteUri;
        const string SignIn = "The page asks for a staff sign-in.";

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Appointment request {request.Reference} for {location.Name}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Open this request: {link}")
            .AppendLine(SignIn)
            .AppendLine();
        foreach (var (label, value, _) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{label + ":",-17}{value}");
        }

        text.AppendLine();
        if (full)
        {
            text.AppendLine("Message:").AppendLine(request.Message ?? "(none)").AppendLine();
            text.AppendLine(request.Email is null
                ? "Please call the patient back to arrange a time."
                : "Please contact the patient to arrange a time. Replying to this e-mail writes to the patient.");
        }
        else
        {
            text.AppendLine(MinimalClosing);
        }

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(message.Subject))
            .Append("</title></head><body style=\"font-family:Arial,sans-serif;color:#1d2730\">")
            .Append(CultureInfo.InvariantCulture, $"<h1 style=\"font-size:20px\">Appointment request {Encode(request.Reference)} for {Encode(location.Name)}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:16px\"><strong>Open this request:</strong> <a href=\"{Encode(link)}\">{Encode(link)}</a><br>{Encode(SignIn)}</p>")
            .Append("<table cellpadding=\"6\" style=\"border-collapse:collapse\">");
        foreach (var (label, value, href) in rows)
        {
            var cell = href is null ? Encode(value) : $"<a href=\"{Encode(href)}\">{Encode(value)}</a>";
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\" valign=\"top\">{Encode(label)}</th><td>{cell}</td></tr>");
        }

        html.Append("</table>");
        if (full)
        {
            html.Append("<h2 style=\"font-size:16px\">Message</h2>")
                .Append(CultureInfo.InvariantCulture, $"<p>{(request.Message is null ? "(none)" : EncodeLines(request.Message))}</p>");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(MinimalClosing)}</p>");
        }

        html.Append("</body></html>");

        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private const string MinimalClosing =
        "Please call the patient back to arrange a time. The rest of the request is on its page, not in this e-mail.";

    private static (string Label, string Text, string? Href)[] FullRows(AppointmentRequest request, PatientPhone phone) =>
    [
        ("Reference", request.Reference, null),
        ("Received", ArizonaTime.Format(new DateTimeOffset(request.ReceivedAtUtc, TimeSpan.Zero)), null),
        ("Name", $"{request.FirstName} {request.LastName}", null),
        ("Phone", phone.Display, phone.TelUri),
        ("E-mail", request.Email ?? "Not given", request.Email is null ? null : "mailto:" + request.Email),
        ("Contact by", AppointmentChoices.Label(AppointmentChoices.ContactMethods, request.ContactMethod), null),
        ("Patient", AppointmentChoices.Label(AppointmentChoices.PatientTypes, request.PatientType), null),
        ("Preferred days", PreferredDays(request), null),
        ("Preferred times", PreferredTimes(request), null),
        ("Earliest date", request.EarliestDate?.ToString("ddd, MMM d, yyyy", CultureInfo.InvariantCulture) ?? "As soon as possible", null),
        ("Reason", AppointmentChoices.Label(AppointmentChoices.Reasons, request.Reason), null),
        ("Referral", AppointmentChoices.Label(AppointmentChoices.Referrals, request.Referral), null),
        ("Insurance", request.Insurance ?? "Not given", null),
        ("From article", request.SourceArticle ?? "None", null),
    ];

    /// <summary>What a call back needs and nothing more: no health details, last name or e-mail address.</summary>
    private static (string Label, string Text, string? Href)[] MinimalRows(AppointmentRequest request, ClinicLocation location, PatientPhone phone) =>
    [
        ("Reference", request.Reference, null),
        ("Clinic", location.Name, null),
        ("First name", request.FirstName, null),
        ("Phone", phone.Display, phone.TelUri),
        ("Preferred days", PreferredDays(request), null),
        ("Preferred times", PreferredTimes(request), null),
    ];

    private static string PreferredDays(AppointmentRequest request) =>
        AppointmentChoices.Labels(AppointmentChoices.Days, request.PreferredDayCodes, "Any weekday");

    private static string PreferredTimes(AppointmentRequest request) =>
        AppointmentChoices.Labels(AppointmentChoices.Times, request.PreferredTimeCodes, "Any time");

    /// <summary>The patient's copy: what happens next and how to reach the clinic, and no health details.</summary>
    public static MimeMessage PatientConfirmation(AppointmentRequest request, ClinicLocation location, MailboxAddress sender)
    {
        if (request.Email is null)
        {
            throw new ArgumentException("The request has no patient e-mail address.", nameof(request));
        }

        var message = NewMessage(request, sender, "confirmation");
        message.To.Add(new MailboxAddress($"{request.FirstName} {request.LastName}", request.Email));
        message.ReplyTo.Add(new MailboxAddress($"{sender.Name} {location.Name}".Trim(), location.Email));
        message.Subject = $"We received your appointment request ({request.Reference})";

        var contact = AppointmentChoices.Label(AppointmentChoices.ContactMethods, request.ContactMethod).ToLowerInvariant();
        var next = $"Our {location.Name} front desk will contact you by {contact} to find a time that suits you. " +
                   "This is a request, not a booked appointment: your appointment is set once we agree a time with you.";
        const string Emergency = "This e-mail address is not for emergencies. In an emergency, call 911.";
        const string Privacy = "Please don't send medical details by e-mail: e-mail is not a secure channel. Call us instead.";

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Hello {request.FirstName},")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Thank you for your appointment request to Above & Beyond Physical Therapy, {location.Name}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Your reference: {request.Reference}")
            .AppendLine()
            .AppendLine(next)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Questions? Call {location.Name}: {location.Phone}")
            .AppendLine(CultureInfo.InvariantCulture, $"{location.StreetAddress}, {location.CityLine}")
            .AppendLine()
            .AppendLine(Emergency)
            .AppendLine(Privacy);

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(message.Subject))
            .Append("</title></head><body style=\"font-family:Arial,sans-serif;color:#1d2730\">")
            .Append(CultureInfo.InvariantCulture, $"<p>Hello {Encode(request.FirstName)},</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>Thank you for your appointment request to Above &amp; Beyond Physical Therapy, {Encode(location.Name)}.</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>Your reference: <strong>{Encode(request.Reference)}</strong></p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(next)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>Questions? Call {Encode(location.Name)}: <a href=\"tel:{Encode(location.PhoneE164)}\">{Encode(location.Phone)}</a><br>{Encode(location.StreetAddress)}, {Encode(location.CityLine)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(Emergency)}<br>{Encode(Privacy)}</p>")
            .Append("</body></html>");

        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private static MimeMessage NewMessage(AppointmentRequest request, MailboxAddress sender, string kind)
    {
        var message = new MimeMessage();
        message.From.Add(sender);
        message.Date = new DateTimeOffset(request.ReceivedAtUtc, TimeSpan.Zero);
        var domain = sender.Address[(sender.Address.LastIndexOf('@') + 1)..];
        message.MessageId = $"{kind}.{request.Reference}@{domain}";
        return message;
    }

    private static char Initial(string name) => char.ToUpperInvariant(name[0]);

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string EncodeLines(string value) =>
        string.Join("<br>", value.ReplaceLineEndings("\n").Split('\n').Select(Encode));
}
