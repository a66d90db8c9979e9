using System.Diagnostics;
using System.Net;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Operations;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Operations;

/// <summary>The administrator's <c>requests</c> command, against a real database and a real mail server.</summary>
public sealed class RequestsCommandTests
{
    [Fact]
    public async Task ListPending_MailServerDown_ShowsReferenceLocationAndStateButNoPatientData()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await smtp.StopAsync();
        using var site = new AppointmentSite(smtp);
        // One failed attempt, and the next not for an hour: the row holds still while the command reads it.
        site.WithSetting("Mail:RetryDelay", "01:00:00").WithSetting("Mail:MaxRetryDelay", "01:00:00");
        var reference = await RequestAsync(site, "queen-creek");
        await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail is { Attempts: 1, Status: DeliveryStatus.Pending });

        var (exit, output) = await RunAsync(site, "requests", "list", "--pending");

        Assert.Equal(0, exit);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith(reference, StringComparison.Ordinal));
        Assert.Contains("queen-creek", line);
        Assert.Contains("Pending (1)", line);
        Assert.Contains("1 request(s).", output);
        Assert.DoesNotContain("Doe", output);
        Assert.DoesNotContain("555", output);
        Assert.DoesNotContain("knee", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Connection refused", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ResendFailed_AfterThePermanentRefusalIsFixed_DeliversTheRequest()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.ReplyCode = 550;
        using var site = new AppointmentSite(smtp);
        var reference = await RequestAsync(site, "phoenix");
        await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Failed);
        var (_, failed) = await RunAsync(site, "requests", "list", "--failed");
        Assert.Contains(reference, failed);

        smtp.ReplyCode = null;
        var (exit, output) = await RunAsync(site, "requests", "resend-failed");

        Assert.Equal(0, exit);
        Assert.Contains($"Queued again: {reference} (phoenix)", output);
        var mail = await smtp.WaitForMessageAsync(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Equal("phoenix@abovept.example", Assert.Single(mail.To.Mailboxes).Address);
        await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Sent);
        Assert.Contains("0 request(s).", (await RunAsync(site, "requests", "list")).Output);
    }

    [Fact]
    public async Task ResendFailed_UnknownReference_SaysSoAndExitsNonZero()
    {
        using var site = new AppointmentSite(null);

        var (exit, output) = await RunAsync(site, "requests", "resend-failed", "QC-NOPE1");

        Assert.Equal(1, exit);
        Assert.Contains("Not found or not failed: QC-NOPE1", output);
    }

    [Fact]
    public async Task UnknownSubcommand_PrintsUsageAndExits2()
    {
        using var site = new AppointmentSite(null);

        var (exit, output) = await RunAsync(site, "requests", "purge");

        Assert.Equal(2, exit);
        Assert.Contains("requests resend-failed", output);
    }

    [Fact]
    public async Task SiteExecutable_WithRequestsArguments_RunsTheCommandInsteadOfTheSite()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await smtp.StopAsync();
        using var site = new AppointmentSite(smtp);
        var reference = await RequestAsync(site, "phoenix");
        var workingDirectory = Directory.CreateDirectory(Path.Combine(site.DataDirectory, "cwd")).FullName;

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "AbovePT.Web.dll"), "requests", "list", "--pending" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Clinic"] = $"Data Source={Path.Combine(site.DataDirectory, "clinic.db")}";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output} {errors}");
        Assert.Contains(reference, output);
        Assert.Contains("1 request(s).", output);
    }

    private static async Task<string> RequestAsync(AppointmentSite site, string location)
    {
        var browser = site.Browser();
        var response = await browser.RequestAsync(location);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var confirmation = await browser.FollowAsync(response);
        return confirmation.QuerySelector(".appt-reference strong")!.TextContent;
    }

    private static async Task<(int Exit, string Output)> RunAsync(AppointmentSite site, params string[] args)
    {
        var output = new StringWriter();
        var exit = await RequestsCommand.RunAsync(site.Services, args, output);
        return (exit, output.ToString());
    }
}
