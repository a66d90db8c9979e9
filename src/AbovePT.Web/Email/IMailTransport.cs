using MimeKit;

namespace AbovePT.Web.Email;

/// <summary>
/// The one seam between the site and the outside world of mail: SMTP in production, a pickup folder in
/// development. Throws when the message was not handed over; the dispatcher decides what that means.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
