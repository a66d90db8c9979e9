using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Email;
using AbovePT.Web.Features.Appointments.Delivery;
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
}
