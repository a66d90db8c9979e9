using AbovePT.Web.Features.Appointments;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Tests.Infrastructure;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>The language a request was made in: recorded with it, and carried into both of its e-mails.</summary>
public sealed class RequestLanguageTests(SmtpSiteFixture fixture) : IClassFixture<SmtpSiteFixture>
{
    private static AppointmentForm Form() => new()
    {
        Location = "phoenix", FirstName = "Ana", LastName = "Ríos", Phone = "(602) 555-0177", ContactMethod = "phone",
        PatientType = "new", Reason = "knee", Referral = "no", Consent = true,
    };

    [Theory]
    [InlineData("es")]
    [InlineData("en")]
    public void ToRequest_RecordsTheLanguageItIsGiven(string language)
    {
        var request = AppointmentFormValidator.ToRequest(Form(), "PX-7K3Q9", Guid.NewGuid(), DateTime.UtcNow, language);

        Assert.Equal(language, request.Language);
    }

    [Fact]
    public async Task Post_OfTheEnglishForm_IsStoredAsEnglish()
    {
        var browser = fixture.Site.Browser();

        var confirmation = await browser.FollowAsync(await browser.RequestAsync("queen-creek", form => form.Set("LastName", "Englishform")));

        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;
        var stored = Assert.Single(await fixture.Site.RequestsAsync(), r => r.Reference == reference);
        Assert.Equal("en", stored.Language);
    }

    /// <summary>
    /// The e-mails of a Spanish request word for word, on a fixed date: the request is stored as the Spanish form
    /// stores it (the form itself is posted in <c>Languages/SpanishRequestTests</c> and in the browser journeys),
    /// and the site's own dispatcher sends both e-mails to the real SMTP server.
    /// </summary>
    [Fact]
    public async Task SpanishRequest_PatientIsConfirmedInSpanish_AndTheFrontDeskIsToldInEnglish()
    {
        var receivedAtUtc = new DateTime(2026, 11, 25, 22, 4, 0, DateTimeKind.Utc);
        var request = StoredRequests.Of("PX-ES7K3", receivedAtUtc, frontDesk: MailDelivery.PendingFrom(receivedAtUtc), patient: MailDelivery.PendingFrom(receivedAtUtc), lastName: "Ríos");
        (request.LocationId, request.FirstName, request.Email, request.ContactMethod, request.Language) = ("phoenix", "Ana", "ana.rios@example.com", "email", "es");
        await StoredRequests.AddAsync(fixture.Site, request);
        fixture.Site.Services.GetRequiredService<DeliverySignal>().Notify();

        var patient = await fixture.Smtp.WaitForMessageAsync(m => m.MessageId == "confirmation.PX-ES7K3@abovept.example");
        Assert.Equal("ana.rios@example.com", Assert.Single(patient.To.Mailboxes).Address);
        Assert.Equal("Recibimos su solicitud de cita (PX-ES7K3)", patient.Subject);
        Assert.Equal("es", patient.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("<html lang=\"es\">", patient.HtmlBody, StringComparison.Ordinal);
        var text = patient.TextBody!.Replace('\u202F', ' ').Replace('\u00A0', ' ');
        foreach (var expected in new[]
        {
            "Hola, Ana:", "Fecha de la solicitud: miércoles, 25 de noviembre de 2026, 3:04 p. m. (hora de Arizona)",
            "La recepción de nuestra clínica de Phoenix se comunicará con usted por correo electrónico",
            "Llame a nuestra clínica de Phoenix al 602.866.2231",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var frontDesk = await fixture.Smtp.WaitForMessageAsync(m => m.MessageId == "front-desk.PX-ES7K3@abovept.example");
        Assert.Equal("phoenix@abovept.example", Assert.Single(frontDesk.To.Mailboxes).Address);
        Assert.Equal("Phoenix appointment request (Spanish): Ana R. (PX-ES7K3)", frontDesk.Subject);
        Assert.Null(frontDesk.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.StartsWith($"Appointment request PX-ES7K3 for Phoenix{Environment.NewLine}{Environment.NewLine}Patient's language: Spanish{Environment.NewLine}", frontDesk.TextBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Patient&#39;s language: Spanish</strong>", frontDesk.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Wed, Nov 25, 2026, 3:04 PM (Arizona time)", frontDesk.TextBody, StringComparison.Ordinal);

        await fixture.Site.WaitForRequestsAsync(rs => rs.Any(r => r.Reference == "PX-ES7K3"
            && r.FrontDeskMail.Status == DeliveryStatus.Sent && r.PatientMail.Status == DeliveryStatus.Sent));
    }
}
