using System.Text;
using AbovePT.Web.Tests.Infrastructure;
using MimeKit;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>
/// The front desk's e-mail as a real SMTP server receives it after a real form post, under each
/// <c>Mail:FrontDeskDetail</c>. Each test has its own site and server.
/// </summary>
public sealed class FrontDeskDetailTests
{
    [Fact]
    public async Task Full_LinksToTheRequestsStaffPageUnderSiteBaseUrl()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = new AppointmentSite(smtp);
        site.WithSetting("Site:BaseUrl", "https://front-desk.clinic.test/");
        var browser = site.Browser();

        var confirmation = await browser.FollowAsync(await browser.RequestAsync("queen-creek"));
        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;

        var mail = await smtp.WaitForMessageAsync(m => m.MessageId == $"front-desk.{reference}@abovept.example");
        var link = $"https://front-desk.clinic.test/staff/requests/{reference.ToLowerInvariant()}";
        Assert.Contains($"Open this request: {link}{Environment.NewLine}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link}\">{link}</a>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_CarriesWhatACallBackNeedsAndTheLink_AndNoHealthDetailsLastNameOrPatientAddress()
    {
        const string PatientAddress = "m.quennell@example.org";
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = new AppointmentSite(smtp);
        site.WithSetting("Mail:FrontDeskDetail", "Minimal");
        var browser = site.Browser();

        var form = (await browser.OpenAsync("/appointments/request?from=knee-pain-after-running")).FillValid("phoenix")
            .Set("FirstName", "Marisol").Set("LastName", "Quennell-Ybarra").Set("Phone", "(602) 555-0177")
            .Set("Email", PatientAddress).Set("ContactMethod", "email").Set("PatientType", "returning")
            .Set("Reason", "post-surgery").Set("Message", "Rotator cuff repair in March, still stiff")
            .Set("PreferredDays", "tue").Add("PreferredDays", "thu").Set("PreferredTimes", "evening")
            .Set("Referral", "yes").Set("Insurance", "Aetna Choice POS II");
        var confirmation = await browser.FollowAsync(await browser.PostAsync(form));
        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;

        var mail = await smtp.WaitForMessageAsync(m => m.MessageId == $"front-desk.{reference}@abovept.example");
        Assert.Equal($"Phoenix appointment request: Marisol Q. ({reference})", mail.Subject);
        Assert.Empty(mail.ReplyTo);
        var (text, html) = (mail.TextBody!, mail.HtmlBody!);
        var link = $"https://www.abovept.example/staff/requests/{reference.ToLowerInvariant()}";
        foreach (var body in new[] { text, html })
        {
            foreach (var expected in new[] { reference, "Phoenix", "Marisol", "(602) 555-0177", "Tuesday, Thursday", "Evening", link })
            {
                Assert.Contains(expected, body, StringComparison.Ordinal);
            }

            foreach (var absent in new[]
            {
                "Recovery after surgery", "Rotator cuff", "Aetna", "Quennell", "Ybarra",
                "Yes, I have a referral", "knee-pain-after-running", "Returning patient",
            })
            {
                Assert.DoesNotContain(absent, body, StringComparison.Ordinal);
            }
        }

        // Headers included; the decoded bodies too, in case a transfer encoding split a value in the raw form.
        foreach (var whole in new[] { Raw(mail), text, html })
        {
            Assert.DoesNotContain(PatientAddress, whole, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quennell", whole, StringComparison.Ordinal);
        }

        // The left-out values were taken and stored: their absence above is the e-mail's doing.
        var stored = Assert.Single(await site.RequestsAsync());
        Assert.Equal(
            (PatientAddress, "Quennell-Ybarra", "post-surgery", "Aetna Choice POS II", "knee-pain-after-running"),
            (stored.Email, stored.LastName, stored.Reason, stored.Insurance, stored.SourceArticle));
        Assert.Contains("Rotator cuff", stored.Message, StringComparison.Ordinal);
    }

    /// <summary>The message as it went over the wire: MimeKit writes a parsed message back out with its headers and encoded parts unchanged.</summary>
    private static string Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
