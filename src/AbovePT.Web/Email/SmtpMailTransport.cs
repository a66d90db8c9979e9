using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AbovePT.Web.Email;

/// <summary>
/// Sends through the configured SMTP server with a new <see cref="SmtpClient"/> per message: the client
/// is not thread-safe, and one message a minute needs no pooled connection.
/// </summary>
internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var mail = options.Value;
        using var client = new SmtpClient();
        client.Timeout = (int)TimeSpan.FromSeconds(mail.TimeoutSeconds).TotalMilliseconds;

        // Never SecureSocketOptions.Auto: it silently falls back to plain text when STARTTLS is missing.
        var security = mail.Security switch
        {
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(mail.Host, mail.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(mail.UserName))
        {
            await client.AuthenticateAsync(mail.UserName, mail.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
