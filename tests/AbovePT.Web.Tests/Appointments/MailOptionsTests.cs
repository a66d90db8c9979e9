using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using MimeKit;

namespace AbovePT.Web.Tests.Appointments;

public sealed class MailOptionsTests
{
    [Theory]
    [InlineData("smtp.example.com", "None", "Mail:Security=None")]
    [InlineData("", "StartTls", "Mail:Host is required")]
    public void StartUp_WithUnsafeOrMissingSmtpSettings_FailsNamingTheKey(string host, string security, string expected)
    {
        using var site = new AppointmentSite(smtp: null);
        site.WithSetting("Mail:Delivery", "Smtp").WithSetting("Mail:Host", host).WithSetting("Mail:Security", security);

        // The host reports every failing options class at once (an AggregateException when there are several).
        var error = site.StartupError();

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mail:Security", "3", "Mail:Security must be StartTls, SslOnConnect or None.")]
    [InlineData("Mail:Security", "Tls", "'Mail:Security'")]
    [InlineData("Mail:Delivery", "-1", "Mail:Delivery must be Smtp or Pickup.")]
    [InlineData("Mail:FrontDeskDetail", "2", "Mail:FrontDeskDetail must be Full or Minimal.")]
    [InlineData("Mail:FrontDeskDetail", "Brief", "'Mail:FrontDeskDetail'")]
    public void StartUp_WithAValueNoChoiceHas_FailsNamingTheKey(string key, string value, string expected)
    {
        using var site = new AppointmentSite(smtp: null);
        site.WithSetting("Mail:Delivery", "Smtp").WithSetting("Mail:Host", "smtp.example.com").WithSetting(key, value);

        var error = site.StartupError();

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void StartUp_WithPlainSmtpToThisMachine_Starts(string host)
    {
        using var site = new AppointmentSite(smtp: null);
        site.WithSetting("Mail:Delivery", "Smtp").WithSetting("Mail:Host", host).WithSetting("Mail:Port", "25").WithSetting("Mail:Security", "None");

        using var client = site.CreateClient();
    }

    [Fact]
    public void StartUp_WithAnInvalidSender_FailsNamingTheKey()
    {
        using var site = new AppointmentSite(smtp: null);
        site.WithSetting("Mail:From", "not an address");

        var error = site.StartupError();

        Assert.Contains("Mail:From", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StartUp_WithTheSmtpPasswordInAnAppSettingsFile_Fails()
    {
        var folder = Directory.CreateTempSubdirectory("abovept-appsettings-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "appsettings.Local.json"), """{ "Mail": { "Password": "hunter2" } }""");
            using var site = new AppointmentSite(smtp: null);
            using var withFile = site.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
                configuration.AddJsonFile(new PhysicalFileProvider(folder.FullName), "appsettings.Local.json", optional: false, reloadOnChange: false)));

            var error = withFile.StartupError();

            Assert.Contains("Mail:Password must not be in an appsettings file", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void StartUp_WithTheSmtpPasswordFromTheEnvironmentOrUserSecrets_Starts()
    {
        using var site = new AppointmentSite(smtp: null);
        site.WithSetting("Mail:UserName", "appointments").WithSetting("Mail:Password", "from-a-secret-store");

        using var client = site.CreateClient();
    }

    [Fact]
    public async Task Pickup_WritesEachEmailAsAnEmlFileAPersonCanOpen()
    {
        using var site = new AppointmentSite(smtp: null);
        var browser = site.Browser();

        var confirmation = await browser.FollowAsync(await browser.RequestAsync("phoenix"));
        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;
        await site.WaitForRequestsAsync(rs => rs.Single().FrontDeskMail.Status == DeliveryStatus.Sent);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(site.DataDirectory, "mail"), "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal($"front-desk.{reference}@abovept.example", message.MessageId);
        Assert.Equal("phoenix@abovept.example", message.To.Mailboxes.Single().Address);
    }
}
