using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>One site and one SMTP server shared by a test class; tests find their own e-mails by reference.</summary>
public sealed class SmtpSiteFixture : IAsyncLifetime
{
    public TestSmtpServer Smtp { get; private set; } = null!;

    public AppointmentSite Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        Site = new AppointmentSite(Smtp);
    }

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
