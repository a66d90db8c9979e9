using System.Globalization;
using System.Net;
using AbovePT.Web.Tests.Infrastructure;
using MimeKit;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>
/// Names with accents, numbers with extensions and from other countries, and accented e-mail domains: taken as
/// patients write them, kept in one form, and shown to the front desk so they can be read and dialled.
/// </summary>
public sealed class NamesAndNumbersTests(SmtpSiteFixture fixture) : IClassFixture<SmtpSiteFixture>
{
    [Fact]
    public async Task AccentedNameAndExtension_ReachTheFrontDeskReadableAndDialable()
    {
        // "José" typed with a separate combining accent, as some keyboards send it.
        var (row, mail) = await RequestAsync("queen-creek", form => form.Set("FirstName", "Jose\u0301").Set("LastName", "Núñez").Set("Phone", "480-555-0142 ext 12"));

        Assert.Equal("José", row.FirstName);
        Assert.Equal("José".Normalize(), row.FirstName);
        Assert.Equal("+14805550142", row.Phone);
        Assert.Equal("12", row.PhoneExtension);
        Assert.Contains("José N.", mail.Subject, StringComparison.Ordinal);
        var html = await Html.ParseAsync(mail.HtmlBody);
        var phone = html.QuerySelector("a[href^='tel:']")!;
        Assert.Equal("tel:+1-480-555-0142;ext=12", phone.GetAttribute("href"));
        Assert.Equal("(480) 555-0142 ext. 12", phone.TextContent);
        Assert.Contains("(480) 555-0142 ext. 12", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("480-555-0142 x12", "+14805550142", "12", "(480) 555-0142 ext. 12", "tel:+1-480-555-0142;ext=12")]
    [InlineData("+1 (602) 555-0199", "+16025550199", null, "(602) 555-0199", "tel:+1-602-555-0199")]
    [InlineData("+52 55 1234 5678", "+525512345678", null, "+52 55 1234 5678", "tel:+52-55-1234-5678")]
    [InlineData("+44 20 7946 0958", "+442079460958", null, "+44 20 7946 0958", "tel:+44-20-7946-0958")]
    public async Task PhoneAsWritten_IsStoredInE164_ShownForReading_AndLinkedToDial(string typed, string e164, string? extension, string shown, string tel)
    {
        var (row, mail) = await RequestAsync("phoenix", form => form.Set("Phone", typed));

        Assert.Equal(e164, row.Phone);
        Assert.Equal(extension, row.PhoneExtension);
        var link = (await Html.ParseAsync(mail.HtmlBody)).QuerySelector("a[href^='tel:']")!;
        Assert.Equal(tel, link.GetAttribute("href"));
        Assert.Equal(shown, link.TextContent);
    }

    [Fact]
    public async Task AccentedEmailDomain_ConfirmationIsDeliveredByAServerWithoutSmtpUtf8()
    {
        var (row, _) = await RequestAsync("phoenix", form => form.Set("Email", "jose@exämple.com"));

        var ascii = "jose@" + new IdnMapping().GetAscii("exämple.com");
        var confirmation = await fixture.Smtp.WaitForMessageAsync(m => m.MessageId == $"confirmation.{row.Reference}@abovept.example");
        var to = Assert.Single(confirmation.To.Mailboxes).Address;
        Assert.Contains(to, new[] { "jose@exämple.com", ascii });
        Assert.Equal("jose@exämple.com", row.Email);
        await fixture.Site.WaitForRequestsAsync(rs => rs.Single(r => r.Id == row.Id).PatientMail.Status == Features.Appointments.Delivery.DeliveryStatus.Sent);
    }

    private async Task<(Web.Data.AppointmentRequest Row, MimeMessage FrontDesk)> RequestAsync(string location, Action<FilledForm> change)
    {
        var browser = fixture.Site.Browser();
        var confirmation = await browser.FollowAsync(await browser.RequestAsync(location, change));
        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;
        var mail = await fixture.Smtp.WaitForMessageAsync(m => m.MessageId == $"front-desk.{reference}@abovept.example");
        var row = (await fixture.Site.RequestsAsync()).Single(r => r.Reference == reference);
        return (row, mail);
    }
}
