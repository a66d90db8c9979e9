using MimeKit;

namespace AbovePT.Web.Email;

/// <summary>
/// The one seam between the site and the outside world of mail: SMTP in production, a pickup folder in
/// development. A session sends several messages in a row over one connection; callers open one session per
/// concurrent sender and never share it between threads.
/// </summary>
public interface IMailTransport
{
    /// <summary>Connects (and logs in) once; throws as <see cref="IMailSession.SendAsync"/> does when it cannot.</summary>
    Task<IMailSession> OpenSessionAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One connection to the mail server. Throws when a message was not handed over; <see cref="MailFailure"/> says
/// what that means. After any failure the session is spent: dispose it and open a new one.
/// </summary>
public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
