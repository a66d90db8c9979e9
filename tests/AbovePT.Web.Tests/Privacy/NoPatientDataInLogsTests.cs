using System.Net;
using AbovePT.Web.Data;
using AbovePT.Web.Operations;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace AbovePT.Web.Tests.Privacy;

/// <summary>
/// Logs end up in journald, log shippers and support tickets: a patient's details must never reach
/// them, at any level, on any path (stored, retried, delivered, rejected, listed by the administrator).
/// </summary>
public sealed class NoPatientDataInLogsTests
{
    /// <summary>What the patient typed, and the forms the site or the e-mail may turn it into.</summary>
    private static readonly string[] PatientValues =
    [
        "Zebulon", "Quillfeather",
        "(602) 555-0187", "602-555-0187", "602.555.0187", "6025550187", "+16025550187", "555-0187", "5550187",
        "zeb.quill@example.org", "zeb.quill",
        "Twisted my ankle", "Camelback",
        "sports-injury", "Sports injury",
        "Aetna Choice",
    ];

    [Fact]
    public async Task FullRequestAndDelivery_WithRetryAndRejectedPost_LogsNoPatientDataAtAnyLevel()
    {
        var logs = new AllLogs();
        await using var smtp = await TestSmtpServer.StartAsync();
        using var site = new AppointmentSite(smtp);
        using var logged = site.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging
            .AddProvider(logs)
            .AddFilter<AllLogs>(null, LogLevel.Trace)));
        var browser = new AppointmentBrowser(logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        // The mail server first answers "try again later", so the retry path logs too.
        smtp.ReplyCode = 451;
        var response = await browser.RequestAsync("phoenix", Patient);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await browser.FollowAsync(response);
        await WaitAsync(() => smtp.RefusedCount >= 1);
        smtp.ReplyCode = null;
        var mails = await smtp.WaitForMessagesAsync(2);

        // The same details with one mistake: re-displayed with a 400, nothing stored.
        var rejected = await browser.RequestAsync("phoenix", form =>
        {
            Patient(form);
            form.Set("Email", "zeb.quill@");
        });
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);

        var listing = new StringWriter();
        Assert.Equal(0, await RequestsCommand.RunAsync(logged.Services, ["requests", "list", "--all"], listing));

        Assert.Contains(mails, m => m.TextBody?.Contains("Quillfeather", StringComparison.Ordinal) == true);
        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains("Stored appointment request", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Sent front-desk e-mail", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Trace", StringComparison.Ordinal) || l.StartsWith("Debug", StringComparison.Ordinal));
        foreach (var value in PatientValues)
        {
            var leaks = lines.Where(l => l.Contains(value, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"'{value}' appears in {leaks.Count} log line(s), e.g. {leaks.FirstOrDefault()}");
            Assert.DoesNotContain(value, listing.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static void Patient(FilledForm form) => form.FillValid("phoenix")
        .Set("FirstName", "Zebulon")
        .Set("LastName", "Quillfeather")
        .Set("Phone", "(602) 555-0187")
        .Set("Email", "zeb.quill@example.org")
        .Set("ContactMethod", "email")
        .Set("PatientType", "returning")
        .Set("Reason", "sports-injury")
        .Set("Message", "Twisted my ankle hiking Camelback; swelling for three days")
        .Set("Insurance", "Aetna Choice")
        .Add("PreferredDays", "mon");

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the mail server to be tried.");
            await Task.Delay(50);
        }
    }
}
