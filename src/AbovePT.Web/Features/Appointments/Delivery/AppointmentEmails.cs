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
/// The patient's confirmation is in the language the request was made in (<see cref="AppointmentRequest.Language"/>);
/// the front desk's e-mail is always English and names the patient's language when it is not English.
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
        var language = RequestLanguage.IsSpanish(request) ? " (Spanish)" : "";
        message.Subject = $"{location.Name} appointment request{language}: {request.FirstName} {Initial(request.LastName)}. ({request.Reference})";

        var phone = new PatientPhone(request.Phone, request.PhoneExtension);
        var rows = full ? FullRows(request, phone) : MinimalRows(request, location, phone);
        var link = requestPage.AbsoluteUri;
        const string SignIn = "The page asks for a staff sign-in.";

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Appointment request {request.Reference} for {location.Name}")
            .AppendLine();
        if (RequestLanguage.IsSpanish(request))
        {
            text.AppendLine(RequestLanguage.SpanishSpeaker).AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Open this request: {link}")
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
            .Append(CultureInfo.InvariantCulture, $"<h1 style=\"font-size:20px\">Appointment request {Encode(request.Reference)} for {Encode(location.Name)}</h1>");
        if (RequestLanguage.IsSpanish(request))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:18px\"><strong>{Encode(RequestLanguage.SpanishSpeaker)}</strong></p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:16px\"><strong>Open this request:</strong> <a href=\"{Encode(link)}\">{Encode(link)}</a><br>{Encode(SignIn)}</p>")
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

    /// <summary>
    /// The patient's copy, in the request's language: what happens next and how to reach the clinic, and no health
    /// details. The clinic's name, address and phone number are the same in both languages.
    /// </summary>
    public static MimeMessage PatientConfirmation(AppointmentRequest request, ClinicLocation location, MailboxAddress sender)
    {
        if (request.Email is null)
        {
            throw new ArgumentException("The request has no patient e-mail address.", nameof(request));
        }

        var message = NewMessage(request, sender, "confirmation");
        message.To.Add(new MailboxAddress($"{request.FirstName} {request.LastName}", request.Email));
        message.ReplyTo.Add(new MailboxAddress($"{sender.Name} {location.Name}".Trim(), location.Email));
        var words = RequestLanguage.IsSpanish(request) ? SpanishConfirmation(request, location) : EnglishConfirmation(request, location);
        message.Subject = words.Subject;

        var text = new StringBuilder()
            .AppendLine(words.Greeting)
            .AppendLine()
            .AppendLine(words.Thanks)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{words.YourReference} {request.Reference}");
        if (words.Received is not null)
        {
            text.AppendLine(words.Received);
        }

        text.AppendLine()
            .AppendLine(words.Next)
            .AppendLine()
            .AppendLine(words.Questions + location.Phone)
            .AppendLine(CultureInfo.InvariantCulture, $"{location.StreetAddress}, {location.CityLine}")
            .AppendLine()
            .AppendLine(words.Emergency)
            .AppendLine(words.Privacy);

        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{words.Language}\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(message.Subject))
            .Append("</title></head><body style=\"font-family:Arial,sans-serif;color:#1d2730\">")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(words.Greeting)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(words.Thanks)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(words.YourReference)} <strong>{Encode(request.Reference)}</strong>")
            .Append(words.Received is null ? "" : "<br>" + Encode(words.Received))
            .Append("</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(words.Next)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(words.Questions)}<a href=\"tel:{Encode(location.PhoneE164)}\">{Encode(location.Phone)}</a><br>{Encode(location.StreetAddress)}, {Encode(location.CityLine)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(words.Emergency)}<br>{Encode(words.Privacy)}</p>")
            .Append("</body></html>");

        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        if (RequestLanguage.IsSpanish(request))
        {
            // On the body, where a MIME header belongs and where a reader parsing the message finds it. English
            // confirmations carry none, as they never have: they stay exactly as they were.
            message.Body.Headers.Add(HeaderId.ContentLanguage, words.Language);
        }

        return message;
    }

    /// <summary>
    /// The confirmation's sentences in one language, the patient's and the clinic's values already in them and
    /// nothing encoded yet. <see cref="Questions"/> runs on into the clinic's phone number.
    /// </summary>
    private sealed record ConfirmationWords(
        string Language, string Subject, string Greeting, string Thanks, string YourReference, string? Received,
        string Next, string Questions, string Emergency, string Privacy);

    private static ConfirmationWords EnglishConfirmation(AppointmentRequest request, ClinicLocation location)
    {
        var contact = AppointmentChoices.Label(AppointmentChoices.ContactMethods, request.ContactMethod).ToLowerInvariant();
        return new(
            "en",
            $"We received your appointment request ({request.Reference})",
            $"Hello {request.FirstName},",
            $"Thank you for your appointment request to Above & Beyond Physical Therapy, {location.Name}.",
            "Your reference:",
            null,
            $"Our {location.Name} front desk will contact you by {contact} to find a time that suits you. " +
            "This is a request, not a booked appointment: your appointment is set once we agree a time with you.",
            $"Questions? Call {location.Name}: ",
            "This e-mail address is not for emergencies. In an emergency, call 911.",
            "Please don't send medical details by e-mail: e-mail is not a secure channel. Call us instead.");
    }

    /// <summary>
    /// Formal Spanish ("usted"), in the words of the site's Spanish confirmation page. The date of the request is
    /// written out here, in Spanish on the Arizona clock; the English confirmation has never carried one.
    /// </summary>
    private static ConfirmationWords SpanishConfirmation(AppointmentRequest request, ClinicLocation location)
    {
        // A phrase of this e-mail's sentence, not the form's label: "por" and the method, as the page says it.
        var contact = request.ContactMethod switch
        {
            "phone" => "por llamada telefónica",
            "text" => "por mensaje de texto",
            "email" => "por correo electrónico",
            _ => "por el medio que eligió",
        };
        var received = ArizonaTime.FormatIn(new DateTimeOffset(request.ReceivedAtUtc, TimeSpan.Zero), Spanish) + " (hora de Arizona)";
        return new(
            "es",
            $"Recibimos su solicitud de cita ({request.Reference})",
            $"Hola, {request.FirstName}:",
            $"Gracias por solicitar una cita en Above & Beyond Physical Therapy, {location.Name}.",
            "Su número de referencia:",
            $"Fecha de la solicitud: {received}",
            $"La recepción de nuestra clínica de {location.Name} se comunicará con usted {contact} para encontrar un horario que le convenga. " +
            "Esta es una solicitud, no una cita confirmada: su cita quedará programada cuando acordemos un horario con usted.",
            $"¿Tiene preguntas? Llame a nuestra clínica de {location.Name} al ",
            "Esta dirección de correo electrónico no es para emergencias. En caso de emergencia, llame al 911.",
            "Por favor, no envíe información médica por correo electrónico: el correo electrónico no es un medio seguro. Mejor llámenos.");
    }

    /// <summary>
    /// Spanish as written in the United States, as the site's Spanish pages use it: "miércoles, 25 de noviembre de
    /// 2026, 3:04 p. m." on the 12-hour clock Arizona readers know (<c>es-MX</c> and <c>es-ES</c> write 15:04).
    /// </summary>
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-US");


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
