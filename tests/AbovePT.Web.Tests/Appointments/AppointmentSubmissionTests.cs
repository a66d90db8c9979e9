using System.Net;
using System.Text.RegularExpressions;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using MimeKit;

namespace AbovePT.Web.Tests.Appointments;

public sealed partial class AppointmentSubmissionTests(SmtpSiteFixture fixture) : IClassFixture<SmtpSiteFixture>
{
    [Theory]
    [InlineData("queen-creek", "QC", "Queen Creek", "queencreek@abovept.example", "tel:+14809871870")]
    [InlineData("phoenix", "PX", "Phoenix", "phoenix@abovept.example", "tel:+16028662231")]
    public async Task Post_ValidRequest_RedirectsToConfirmationAndEmailsThatLocationsFrontDesk(
        string location, string code, string name, string frontDesk, string clinicTel)
    {
        var browser = fixture.Site.Browser();

        var response = await browser.RequestAsync(location);
        var confirmation = await browser.FollowAsync(response);

        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;
        Assert.Matches($"^{code}-[34679ACDEFGHJKMNPQRTUVWXY]{{5}}$", reference);
        Assert.NotNull(confirmation.QuerySelector($"main a[href='{clinicTel}']"));
        Assert.Contains("What happens next", confirmation.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Knee", confirmation.QuerySelector("main")!.TextContent);

        var mail = await fixture.Smtp.WaitForMessageAsync(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Equal(frontDesk, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("appointments@abovept.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Empty(mail.ReplyTo);
        Assert.Equal($"{name} appointment request: Jane D. ({reference})", mail.Subject);
        Assert.Equal($"front-desk.{reference}@abovept.example", mail.MessageId);
        Assert.Contains("(480) 555-0134", mail.TextBody);
        Assert.Contains("<a href=\"tel:+1-480-555-0134\">(480) 555-0134</a>", mail.HtmlBody);

        var requests = await fixture.Site.WaitForRequestsAsync(rs => rs.Any(r => r.Reference == reference && r.FrontDeskMail.Status == DeliveryStatus.Sent));
        var stored = Assert.Single(requests, r => r.Reference == reference);
        Assert.Equal(location, stored.LocationId);
        Assert.Equal("+14805550134", stored.Phone);
        Assert.Equal(DeliveryStatus.None, stored.PatientMail.Status);
    }

    [Fact]
    public async Task Post_WithExtraFieldsNamingRecipientsOrStoredState_CannotChangeWhereMailGoesOrWhatIsStored()
    {
        var browser = fixture.Site.Browser();

        var response = await browser.RequestAsync("queen-creek", form => form
            .Set("LastName", "Overposter")
            .Set("To", "attacker@example.com").Set("Recipient", "attacker@example.com").Set("LocationEmail", "attacker@example.com")
            .Set("Reference", "QC-AAAAA").Set("Id", "424242").Set("FrontDeskMail.Status", "Sent").Set("ConsentVersion", "forged"));
        var confirmation = await browser.FollowAsync(response);
        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;

        var mail = await fixture.Smtp.WaitForMessageAsync(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Equal(["queencreek@abovept.example"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Empty(mail.Cc);
        Assert.Empty(mail.Bcc);
        Assert.NotEqual("QC-AAAAA", reference);
        var stored = (await fixture.Site.RequestsAsync()).Single(r => r.LastName == "Overposter");
        Assert.NotEqual(424242, stored.Id);
        Assert.NotEqual("forged", stored.ConsentVersion);
    }
}
