using System.Net;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Tests.Infrastructure;
using AbovePT.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>
/// The e-mail must arrive even when the mail server misbehaves. Each test has its own site and its own real
/// SMTP server on 127.0.0.1; retries wait a fraction of a second here (configured), minutes in production.
/// </summary>
public sealed class MailDeliveryTests
{
    [Fact]
    public async Task SmtpDown_ConfirmationStillShownRowPendingThenDeliveredOnceUp()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await smtp.StopAsync();
        await using var site = new AppointmentSite(smtp);
        var browser = site.Browser();

        var confirmation = await browser.FollowAsync(await browser.RequestAsync("queen-creek"));
        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;

        var pending = await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail is { Attempts: >= 2, Status: DeliveryStatus.Pending });
        Assert.Equal(DeliveryStatus.Pending, pending.Single().FrontDeskMail.Status);
        Assert.NotNull(pending.Single().FrontDeskMail.LastError);
        Assert.Empty(smtp.Messages);

        await smtp.RestartAsync();

        var mail = await smtp.WaitForMessageAsync(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Equal("queencreek@abovept.example", mail.To.Mailboxes.Single().Address);
        var sent = await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Sent);
        Assert.True(sent.Single().FrontDeskMail.Attempts >= 3);
        Assert.Contains(site.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"request {sent.Single().Id} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SmtpAnswering4xx_IsRetriedUntilAccepted()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.ReplyCode = 451;
        await using var site = new AppointmentSite(smtp);
        var browser = site.Browser();

        await browser.FollowAsync(await browser.RequestAsync("phoenix"));
        var retried = await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail is { Attempts: >= 2, Status: DeliveryStatus.Pending });
        Assert.Equal(DeliveryStatus.Pending, retried.Single().FrontDeskMail.Status);
        Assert.Contains("451", retried.Single().FrontDeskMail.LastError, StringComparison.Ordinal);
        smtp.ReplyCode = null;

        await smtp.WaitForMessagesAsync(1);
        var sent = await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Sent);
        Assert.True(smtp.RefusedCount >= 2);
        Assert.Single(smtp.Messages);
        Assert.Equal(smtp.RefusedCount + 1, sent.Single().FrontDeskMail.Attempts);
    }

    [Fact]
    public async Task SmtpHanging_TimesOutAndIsRetried()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.ResponseDelay = TimeSpan.FromSeconds(30);
        await using var site = new AppointmentSite(smtp);
        site.WithSetting("Mail:TimeoutSeconds", "1");
        var browser = site.Browser();

        var confirmation = await browser.FollowAsync(await browser.RequestAsync("phoenix"));
        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;
        var timedOut = await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail is { Attempts: >= 1, Status: DeliveryStatus.Pending });
        Assert.Equal(DeliveryStatus.Pending, timedOut.Single().FrontDeskMail.Status);
        smtp.ResponseDelay = TimeSpan.Zero;

        await smtp.WaitForMessageAsync(m => m.MessageId == $"front-desk.{reference}@abovept.example");
        var sent = await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Sent);
        Assert.True(sent.Single().FrontDeskMail.Attempts >= 2);
    }

    [Fact]
    public async Task SmtpAnswering5xx_MarksTheMailFailedAndLogsAnError()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.ReplyCode = 550;
        await using var site = new AppointmentSite(smtp);
        var browser = site.Browser();

        var response = await browser.RequestAsync("phoenix");
        await browser.FollowAsync(response);

        var failed = (await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Failed)).Single();
        Assert.Equal(1, failed.FrontDeskMail.Attempts);
        Assert.Null(failed.FrontDeskMail.NextAttemptAtUtc);
        Assert.Contains("550", failed.FrontDeskMail.LastError, StringComparison.Ordinal);
        var error = Assert.Single(site.Logs.Entries, e => e.Level == LogLevel.Error && e.Category.EndsWith("MailDispatcher", StringComparison.Ordinal));
        Assert.Contains($"request {failed.Id} at phoenix", error.Message, StringComparison.Ordinal);
        Assert.Contains("550", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, smtp.RefusedCount);
    }

    [Fact]
    public async Task FrontDeskRefusedForGood_PatientConfirmationWaits_ThenFollowsTheResend()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.ReplyCode = 550;
        await using var site = new AppointmentSite(smtp);
        var browser = site.Browser();
        await browser.FollowAsync(await browser.RequestAsync("phoenix", form => form.Set("Email", "jane@example.com")));

        var refused = (await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Failed)).Single();
        Assert.Equal(DeliveryStatus.Pending, refused.PatientMail.Status);
        Assert.Equal(0, refused.PatientMail.Attempts);
        Assert.Equal(1, smtp.RefusedCount);

        smtp.ReplyCode = null;
        Assert.Equal(0, await RequestsCommand.RunAsync(site.Services, ["requests", "resend-failed"], TextWriter.Null));

        var messages = await smtp.WaitForMessagesAsync(2);
        Assert.Equal([$"front-desk.{refused.Reference}@abovept.example", $"confirmation.{refused.Reference}@abovept.example"], messages.Select(m => m.MessageId));
        await site.WaitForRequestsAsync(rs => rs.Single().PatientMail.Status == DeliveryStatus.Sent);
    }

    [Fact]
    public async Task SentMarkCannotBeWritten_IsNeverSentAgain_AndIsRecordedOnceWritesWork()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var disk = new FailingWrites();
        await using var site = new AppointmentSite(smtp);
        site.WithServices(services => services.ConfigureDbContext<ClinicDbContext>(options => options.AddInterceptors(disk)));
        // The disk fills the moment the front desk's e-mail is accepted: before the site can write "sent".
        smtp.OnAccepted = _ => disk.Failing = true;
        var browser = site.Browser();
        await browser.FollowAsync(await browser.RequestAsync("queen-creek"));
        await smtp.WaitForMessagesAsync(1);

        // The dispatcher keeps trying to write the mark (every 0.2 s here) and must send nothing meanwhile.
        await Eventually.AssertAsync(() => Task.FromResult(disk.Refused >= 5), "the dispatcher retries writing the sent mark");
        Assert.Single(smtp.Messages);
        Assert.Equal(DeliveryStatus.Sending, (await site.RequestsAsync()).Single().FrontDeskMail.Status);
        var health = await site.CreateClient().GetStringAsync("/healthz");
        Assert.Contains("Degraded", health, StringComparison.Ordinal);
        Assert.Contains("the disk is full", health, StringComparison.Ordinal);
        var whileFull = await browser.RequestAsync("phoenix");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileFull.StatusCode);

        disk.Failing = false;

        var sent = (await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Sent)).Single();
        Assert.Equal(1, sent.FrontDeskMail.Attempts);
        Assert.Single(smtp.Messages);
        Assert.Contains("Healthy", await site.CreateClient().GetStringAsync("/healthz"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttemptCannotBeWritten_NothingIsSent_UntilItCanBe()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var disk = new FailingWrites();
        await using var site = new AppointmentSite(smtp);
        site.WithServices(services => services.ConfigureDbContext<ClinicDbContext>(options => options.AddInterceptors(disk)));
        var browser = site.Browser();
        var form = (await browser.OpenAsync()).FillValid("phoenix");
        // Stored, then the disk fills before the dispatcher can record its attempt.
        await smtp.StopAsync();
        await browser.FollowAsync(await browser.PostAsync(form));
        await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail is { Attempts: >= 1, Status: DeliveryStatus.Pending });
        disk.Failing = true;
        await smtp.RestartAsync();

        await Eventually.AssertAsync(() => Task.FromResult(disk.Refused >= 3), "the dispatcher tries to record an attempt");
        Assert.Empty(smtp.Messages);

        disk.Failing = false;
        await smtp.WaitForMessagesAsync(1);
        await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Sent);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task Restart_WithPendingRows_DeliversThem()
    {
        var folder = Directory.CreateTempSubdirectory("abovept-restart-");
        try
        {
            using var database = TestDatabase.Create(folder.FullName);
            await using var smtp = await TestSmtpServer.StartAsync();
            await smtp.StopAsync();
            string reference;
            await using (var before = new AppointmentSite(smtp))
            {
                before.UseDatabase(database);
                before.WithSetting("Mail:RetryDelay", "01:00:00").WithSetting("Mail:MaxRetryDelay", "01:00:00");
                var browser = before.Browser();
                var confirmation = await browser.FollowAsync(await browser.RequestAsync("phoenix", form => form.Set("Email", "jane@example.com")));
                reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;
                await before.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail is { Attempts: 1, Status: DeliveryStatus.Pending });
            }

            await smtp.RestartAsync();
            await using var after = new AppointmentSite(smtp);
            after.UseDatabase(database);
            _ = after.Services; // starting the host starts the dispatcher; nobody needs to visit the site

            var messages = await smtp.WaitForMessagesAsync(2);
            Assert.Equal([$"front-desk.{reference}@abovept.example", $"confirmation.{reference}@abovept.example"], messages.Select(m => m.MessageId));
            var sent = (await after.WaitForRequestsAsync(rs => rs.Single().PatientMail.Status == DeliveryStatus.Sent)).Single();
            Assert.Equal(DeliveryStatus.Sent, sent.FrontDeskMail.Status);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task FiftyParallelPosts_AllStoredAndAllEmailed()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = new AppointmentSite(smtp);
        var browser = site.Browser();
        var forms = new List<FilledForm>();
        for (var i = 0; i < 50; i++)
        {
            forms.Add((await browser.OpenAsync()).FillValid(i % 2 == 0 ? "queen-creek" : "phoenix").Set("LastName", $"Parallel{i}"));
        }

        var responses = await Task.WhenAll(forms.Select(browser.PostAsync));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        var stored = await site.RequestsAsync();
        Assert.Equal(50, stored.Count);
        Assert.Equal(50, stored.Select(r => r.Reference).Distinct().Count());
        var messages = await smtp.WaitForMessagesAsync(50);
        Assert.Equal(stored.Select(r => r.Reference).Order(), messages.Select(m => m.MessageId!.Split('@')[0]["front-desk.".Length..]).Order());
        Assert.Equal(25, messages.Count(m => m.To.Mailboxes.Single().Address == "queencreek@abovept.example"));
        await site.WaitForRequestsAsync(rs => rs.All(r => r.FrontDeskMail.Status == DeliveryStatus.Sent));
    }

    [Fact]
    public async Task PatientWithEmail_GetsAConfirmationWithoutHealthDetails_AndTheFrontDeskCanReplyToThem()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = new AppointmentSite(smtp);
        var browser = site.Browser();

        var confirmation = await browser.FollowAsync(await browser.RequestAsync("queen-creek", form => form
            .Set("Email", "jane.doe@example.com").Set("ContactMethod", "email")
            .Set("Reason", "post-surgery").Set("Message", "Torn ACL <b>last</b> spring").Set("Insurance", "Aetna")));
        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;

        var messages = await smtp.WaitForMessagesAsync(2);
        var frontDesk = messages.Single(m => m.MessageId == $"front-desk.{reference}@abovept.example");
        var patient = messages.Single(m => m.MessageId == $"confirmation.{reference}@abovept.example");

        Assert.Equal("jane.doe@example.com", frontDesk.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Jane Doe", frontDesk.ReplyTo.Mailboxes.Single().Name);
        Assert.Contains("Torn ACL <b>last</b> spring", frontDesk.TextBody, StringComparison.Ordinal);
        Assert.Contains("Torn ACL &lt;b&gt;last&lt;/b&gt; spring", frontDesk.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Recovery after surgery", frontDesk.TextBody, StringComparison.Ordinal);

        Assert.Equal("jane.doe@example.com", patient.To.Mailboxes.Single().Address);
        Assert.Equal("queencreek@abovept.example", patient.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal($"We received your appointment request ({reference})", patient.Subject);
        foreach (var body in new[] { patient.TextBody, patient.HtmlBody })
        {
            Assert.Contains(reference, body, StringComparison.Ordinal);
            Assert.Contains("480.987.1870", body, StringComparison.Ordinal);
            Assert.Contains("911", body, StringComparison.Ordinal);
            Assert.DoesNotContain("surgery", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ACL", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Aetna", body, StringComparison.Ordinal);
        }

        var row = (await site.WaitForRequestsAsync(rs => rs.Single().PatientMail.Status == DeliveryStatus.Sent)).Single();
        Assert.Equal(DeliveryStatus.Sent, row.FrontDeskMail.Status);
    }

    [Fact]
    public async Task Logs_NeverContainPatientData()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.ReplyCode = 550;
        await using var site = new AppointmentSite(smtp);
        var browser = site.Browser();
        static void Patient(FilledForm form) => form.Set("FirstName", "Zebulon").Set("LastName", "Quixote")
            .Set("Phone", "602-555-0199").Set("Email", "zq@example.org").Set("Message", "Sciatica flare").Set("Insurance", "Cigna");

        await browser.RequestAsync("phoenix", form => { Patient(form); form.Remove("Consent"); });
        await browser.FollowAsync(await browser.RequestAsync("phoenix", Patient));
        await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Failed);

        var logged = string.Join("\n", site.Logs.Entries.Select(e => e.ToString()));
        Assert.NotEmpty(site.Logs.Entries);
        foreach (var secret in new[] { "Zebulon", "Quixote", "555-0199", "5550199", "zq@example.org", "Sciatica", "Cigna" })
        {
            Assert.DoesNotContain(secret, logged, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task NothingToSend_DispatcherSleepsInsteadOfQueryingInALoop()
    {
        await using var site = new AppointmentSite(smtp: null);
        await site.Browser().OpenAsync();

        // Give it time to resume and find nothing due, then count its queries for a second.
        await Task.Delay(TimeSpan.FromSeconds(1));
        static int Queries(AppointmentSite site) =>
            site.Logs.Entries.Count(e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && e.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal));
        var before = Queries(site);
        await Task.Delay(TimeSpan.FromSeconds(1));

        // It looks again at least once a minute; anything more in one idle second is a busy loop.
        Assert.InRange(Queries(site) - before, 0, 3);
    }
}
