namespace AbovePT.Web.Tests.Appointments;

/// <summary>One site per test class that writes its e-mails to a pickup folder (no SMTP server needed).</summary>
public sealed class PickupSiteFixture : IDisposable
{
    public AppointmentSite Site { get; } = new(smtp: null);

    public void Dispose() => Site.Dispose();
}
