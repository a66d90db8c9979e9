using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Email;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Tests.Infrastructure;
using MimeKit;

namespace AbovePT.Web.Tests.Appointments;

public sealed class AppointmentEmailsTests
{
    private static readonly MailboxAddress Sender = new("Above & Beyond Physical Therapy", "appointments@abovept.example");

    private static readonly ClinicLocation QueenCreek = new()
    {
        Id = "queen-creek", Name = "Queen Creek", Code = "QC", StreetAddress = "21321 E. Ocotillo Rd., Suite 122",
        City = "Queen Creek", Region = "AZ", PostalCode = "85142", Phone = "480.987.1870", Fax = "480.987.9289",
        Email = "queencreek@abovept.example",
    };

    private static AppointmentRequest Request(string? email = "jane@example.com") => new()
    {
        Id = 7,
        Reference = "QC-7K3Q9",
        SubmissionId = Guid.NewGuid(),
        LocationId = "queen-creek",
        ReceivedAtUtc = new DateTime(2026, 11, 25, 22, 4, 0, DateTimeKind.Utc),
        FirstName = "Jane <i>",
        LastName = "doe & Sons",
        Phone = "+14805550134",
        Email = email,
        ContactMethod = "text",
        PatientType = "returning",
        Reason = "neck-shoulder",
        Message = "Line one <script>alert(1)</script>\nLine two",
        PreferredDays = "mon,fri",
        PreferredTimes = "afternoon",
        EarliestDate = new DateOnly(2026, 12, 1),
        Referral = "unsure",
        Insurance = "Blue Cross",
        ConsentVersion = "2026-11-25",
        SourceArticle = "knee-pain-after-running",
        FrontDeskMail = MailDelivery.PendingFrom(new DateTime(2026, 11, 25, 22, 4, 0, DateTimeKind.Utc)),
        PatientMail = MailDelivery.PendingFrom(new DateTime(2026, 11, 25, 22, 4, 0, DateTimeKind.Utc)),
        FollowUp = RequestFollowUp.New(),
    };

    private static readonly Uri RequestPage = new("https://www.abovept.example/staff/requests/QC-7K3Q9");

    private static MimeMessage FrontDesk(AppointmentRequest request, FrontDeskDetail detail = FrontDeskDetail.Full) =>
        AppointmentEmails.FrontDesk(request, QueenCreek, Sender, RequestPage, detail);

    [Fact]
    public void FrontDesk_AddressesTheLocationWithReplyToThePatientAndAStableId()
    {
        var message = FrontDesk(Request());

        Assert.Equal("queencreek@abovept.example", message.To.Mailboxes.Single().Address);
        Assert.Equal("appointments@abovept.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("jane@example.com", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Queen Creek appointment request: Jane <i> D. (QC-7K3Q9)", message.Subject);
        Assert.Equal("front-desk.QC-7K3Q9@abovept.example", message.MessageId);
        Assert.Equal(message.MessageId, FrontDesk(Request()).MessageId);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 22, 4, 0, TimeSpan.Zero), message.Date);
    }

    [Fact]
    public void FrontDesk_WithoutPatientEmail_HasNoReplyTo()
    {
        var message = FrontDesk(Request(email: null));

        Assert.Empty(message.ReplyTo);
        Assert.Contains("E-mail:          Not given", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void FrontDesk_BodiesCarryEverythingNeededToCallBackInArizonaTime()
    {
        var message = FrontDesk(Request());

        foreach (var expected in new[]
        {
            "QC-7K3Q9", "Wed, Nov 25, 2026, 3:04 PM (Arizona time)", "(480) 555-0134", "Text message", "Returning patient",
            "Monday, Friday", "Afternoon", "Tue, Dec 1, 2026", "Neck or shoulder", "Not sure", "Blue Cross", "knee-pain-after-running",
        })
        {
            Assert.Contains(expected, message.TextBody, StringComparison.Ordinal);
            Assert.Contains(expected, message.HtmlBody, StringComparison.Ordinal);
        }

        Assert.Contains("<a href=\"tel:+1-480-555-0134\">(480) 555-0134</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:jane@example.com\">", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void FrontDesk_ShowsMarkupAsTextInHtmlAndKeepsItVerbatimInPlainText()
    {
        var message = FrontDesk(Request());

        Assert.Contains("Line one <script>alert(1)</script>\nLine two", message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Line one &lt;script&gt;alert(1)&lt;/script&gt;<br>Line two", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Jane &lt;i&gt; doe &amp; Sons", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FrontDeskDetail.Full)]
    [InlineData(FrontDeskDetail.Minimal)]
    public void FrontDesk_OpensWithTheLinkToTheRequestsPageAndSaysItNeedsASignIn(FrontDeskDetail detail)
    {
        var message = FrontDesk(Request(), detail);

        var text = message.TextBody!.ReplaceLineEndings("\n");
        Assert.Contains("\n\nOpen this request: https://www.abovept.example/staff/requests/QC-7K3Q9\nThe page asks for a staff sign-in.\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Open this request", StringComparison.Ordinal) < text.IndexOf("Reference:", StringComparison.Ordinal));
        var html = message.HtmlBody!;
        const string Link = "<a href=\"https://www.abovept.example/staff/requests/QC-7K3Q9\">https://www.abovept.example/staff/requests/QC-7K3Q9</a>";
        Assert.Contains($"<strong>Open this request:</strong> {Link}<br>The page asks for a staff sign-in.", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(Link, StringComparison.Ordinal) < html.IndexOf("<table", StringComparison.Ordinal));
    }

    [Fact]
    public void FrontDesk_Minimal_CarriesWhatACallBackNeedsAndNoHealthDetailsNameOrAddress()
    {
        var full = FrontDesk(Request());
        var message = FrontDesk(Request(), FrontDeskDetail.Minimal);

        Assert.Empty(message.ReplyTo);
        Assert.Equal(full.Subject, message.Subject);
        Assert.Equal(full.MessageId, message.MessageId);
        Assert.Equal(full.To.Mailboxes.Single().Address, message.To.Mailboxes.Single().Address);
        foreach (var body in new[] { message.TextBody!, message.HtmlBody! })
        {
            foreach (var expected in new[] { "QC-7K3Q9", "Queen Creek", "(480) 555-0134", "Monday, Friday", "Afternoon", RequestPage.AbsoluteUri })
            {
                Assert.Contains(expected, body, StringComparison.Ordinal);
            }

            // Reason, message, insurance, e-mail, last name, referral, article, patient type; and what the brief list leaves out.
            foreach (var absent in new[]
            {
                "Neck or shoulder", "Line one", "Blue Cross", "jane@example.com", "doe", "Sons", "Not sure", "knee-pain", "Returning",
                "Text message", "Dec 1", "3:04 PM",
            })
            {
                Assert.DoesNotContain(absent, body, StringComparison.Ordinal);
            }
        }

        Assert.Contains("First name:      Jane <i>", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<td>Jane &lt;i&gt;</td>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:+1-480-555-0134\">(480) 555-0134</a>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void FrontDesk_WithADetailNoOneDefined_IsMinimal()
    {
        var message = FrontDesk(Request(), (FrontDeskDetail)7);

        Assert.Empty(message.ReplyTo);
        Assert.DoesNotContain("Blue Cross", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void PatientConfirmation_SaysWhatHappensNextWithoutHealthDetails()
    {
        var message = AppointmentEmails.PatientConfirmation(Request(), QueenCreek, Sender);

        Assert.Equal("jane@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("queencreek@abovept.example", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("We received your appointment request (QC-7K3Q9)", message.Subject);
        Assert.Equal("confirmation.QC-7K3Q9@abovept.example", message.MessageId);
        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.Contains("QC-7K3Q9", body, StringComparison.Ordinal);
            Assert.Contains("Queen Creek", body, StringComparison.Ordinal);
            Assert.Contains("480.987.1870", body, StringComparison.Ordinal);
            Assert.Contains("by text message", body, StringComparison.Ordinal);
            Assert.Contains("call 911", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Neck", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Line one", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Blue Cross", body, StringComparison.Ordinal);
        }

        Assert.Contains("Hello Jane &lt;i&gt;,", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:+14809871870\">480.987.1870</a>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void PatientConfirmation_WithoutPatientEmail_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => AppointmentEmails.PatientConfirmation(Request(email: null), QueenCreek, Sender));
    }

    private static AppointmentRequest Spanish(AppointmentRequest request)
    {
        request.Language = "es";
        return request;
    }

    /// <summary>What a reader sees: the no-break spaces ICU puts in "3:04 p. m." read as spaces.</summary>
    private static string Read(string? text) => (text ?? "").Replace('\u202F', ' ').Replace('\u00A0', ' ').ReplaceLineEndings("\n");

    private static async Task<string> ReadHtmlAsync(MimeMessage message) =>
        Read((await Html.ParseAsync(message.HtmlBody)).Body!.TextContent);

    [Fact]
    public async Task PatientConfirmation_ForASpanishRequest_IsInFormalSpanishWithTheDateOnTheArizonaClock()
    {
        var message = AppointmentEmails.PatientConfirmation(Spanish(Request()), QueenCreek, Sender);

        Assert.Equal("Recibimos su solicitud de cita (QC-7K3Q9)", message.Subject);
        Assert.Equal("es", message.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.StartsWith("<!DOCTYPE html><html lang=\"es\">", message.HtmlBody, StringComparison.Ordinal);
        // The same addresses and id as in English: only the words change.
        Assert.Equal("confirmation.QC-7K3Q9@abovept.example", message.MessageId);
        Assert.Equal("jane@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("queencreek@abovept.example", message.ReplyTo.Mailboxes.Single().Address);

        foreach (var body in new[] { Read(message.TextBody), await ReadHtmlAsync(message) })
        {
            foreach (var expected in new[]
            {
                "Hola, Jane <i>:",
                "Gracias por solicitar una cita en Above & Beyond Physical Therapy, Queen Creek.",
                "Su número de referencia: QC-7K3Q9",
                "Fecha de la solicitud: miércoles, 25 de noviembre de 2026, 3:04 p. m. (hora de Arizona)",
                "La recepción de nuestra clínica de Queen Creek se comunicará con usted por mensaje de texto para encontrar un horario que le convenga.",
                "su cita quedará programada cuando acordemos un horario con usted.",
                "¿Tiene preguntas? Llame a nuestra clínica de Queen Creek al 480.987.1870",
                "21321 E. Ocotillo Rd., Suite 122, Queen Creek, AZ 85142",
                "En caso de emergencia, llame al 911.",
                "no envíe información médica por correo electrónico",
            })
            {
                Assert.Contains(expected, body, StringComparison.Ordinal);
            }

            foreach (var absent in new[] { "Hello", "Thank you", "Your reference", "Arizona time", "Neck", "Cuello", "Line one", "Blue Cross" })
            {
                Assert.DoesNotContain(absent, body, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Contains("Hola, Jane &lt;i&gt;:", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:+14809871870\">480.987.1870</a>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phone", "por llamada telefónica")]
    [InlineData("text", "por mensaje de texto")]
    [InlineData("email", "por correo electrónico")]
    public void PatientConfirmation_ForASpanishRequest_SaysTheContactMethodInSpanish(string method, string phrase)
    {
        var request = Spanish(Request());
        request.ContactMethod = method;

        var message = AppointmentEmails.PatientConfirmation(request, QueenCreek, Sender);

        Assert.Contains($"se comunicará con usted {phrase} para encontrar", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void PatientConfirmation_ForASpanishRequest_IsTheSameMessageEveryTime()
    {
        var (first, again) = (AppointmentEmails.PatientConfirmation(Spanish(Request()), QueenCreek, Sender), AppointmentEmails.PatientConfirmation(Spanish(Request()), QueenCreek, Sender));

        Assert.Equal((first.MessageId, first.Subject, first.TextBody, first.HtmlBody), (again.MessageId, again.Subject, again.TextBody, again.HtmlBody));
    }

    [Fact]
    public void PatientConfirmation_ForAnEnglishRequest_IsWordForWordTheEnglishOne()
    {
        var message = AppointmentEmails.PatientConfirmation(Request(), QueenCreek, Sender);

        Assert.Null(message.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Equal(
            """
            Hello Jane <i>,

            Thank you for your appointment request to Above & Beyond Physical Therapy, Queen Creek.

            Your reference: QC-7K3Q9

            Our Queen Creek front desk will contact you by text message to find a time that suits you. This is a request, not a booked appointment: your appointment is set once we agree a time with you.

            Questions? Call Queen Creek: 480.987.1870
            21321 E. Ocotillo Rd., Suite 122, Queen Creek, AZ 85142

            This e-mail address is not for emergencies. In an emergency, call 911.
            Please don't send medical details by e-mail: e-mail is not a secure channel. Call us instead.

            """,
            message.TextBody!.ReplaceLineEndings("\n"));
        Assert.Equal(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>We received your appointment request (QC-7K3Q9)</title></head>" +
            "<body style=\"font-family:Arial,sans-serif;color:#1d2730\"><p>Hello Jane &lt;i&gt;,</p>" +
            "<p>Thank you for your appointment request to Above &amp; Beyond Physical Therapy, Queen Creek.</p>" +
            "<p>Your reference: <strong>QC-7K3Q9</strong></p>" +
            "<p>Our Queen Creek front desk will contact you by text message to find a time that suits you. This is a request, not a booked appointment: your appointment is set once we agree a time with you.</p>" +
            "<p>Questions? Call Queen Creek: <a href=\"tel:+14809871870\">480.987.1870</a><br>21321 E. Ocotillo Rd., Suite 122, Queen Creek, AZ 85142</p>" +
            "<p>This e-mail address is not for emergencies. In an emergency, call 911.<br>Please don&#39;t send medical details by e-mail: e-mail is not a secure channel. Call us instead.</p></body></html>",
            message.HtmlBody);
    }

    [Theory]
    [InlineData(FrontDeskDetail.Full)]
    [InlineData(FrontDeskDetail.Minimal)]
    public async Task FrontDesk_ForASpanishRequest_SaysThePatientsLanguageInTheSubjectAndFirstInTheBody_InEnglish(FrontDeskDetail detail)
    {
        var message = FrontDesk(Spanish(Request()), detail);

        Assert.Equal("Queen Creek appointment request (Spanish): Jane <i> D. (QC-7K3Q9)", message.Subject);
        Assert.Equal("front-desk.QC-7K3Q9@abovept.example", message.MessageId);
        Assert.Null(message.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.StartsWith("<!DOCTYPE html><html lang=\"en\">", message.HtmlBody, StringComparison.Ordinal);

        var text = Read(message.TextBody);
        Assert.StartsWith("Appointment request QC-7K3Q9 for Queen Creek\n\nPatient's language: Spanish\n\nOpen this request: ", text, StringComparison.Ordinal);
        Assert.Contains("<h1 style=\"font-size:20px\">Appointment request QC-7K3Q9 for Queen Creek</h1><p style=\"font-size:18px\"><strong>Patient&#39;s language: Spanish</strong></p><p style=\"font-size:16px\"><strong>Open this request:</strong>", message.HtmlBody, StringComparison.Ordinal);

        // Everything else is the English e-mail the front desk always gets.
        var english = FrontDesk(Request(), detail);
        var html = await ReadHtmlAsync(message);
        Assert.Equal(Read(english.TextBody), text.Replace("Patient's language: Spanish\n\n", "", StringComparison.Ordinal));
        Assert.Equal(await ReadHtmlAsync(english), html.Replace("Patient's language: Spanish", "", StringComparison.Ordinal));
        Assert.Equal(detail == FrontDeskDetail.Full, text.Contains("Wed, Nov 25, 2026, 3:04 PM (Arizona time)", StringComparison.Ordinal));
    }

    [Fact]
    public void FrontDesk_ForAnEnglishRequest_NamesNoLanguage()
    {
        var message = FrontDesk(Request(), FrontDeskDetail.Minimal);

        Assert.Equal("Queen Creek appointment request: Jane <i> D. (QC-7K3Q9)", message.Subject);
        Assert.DoesNotContain("language", message.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("language", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }
}
