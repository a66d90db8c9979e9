using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AbovePT.Web.Email;

/// <summary>
/// Sends through the configured SMTP server. Each session is one <see cref="SmtpClient"/>, connected and logged in
/// once and used for a burst of messages by one sender at a time (the client is not thread-safe); connecting per
/// message would cost a TCP and TLS handshake and a login each, which a burst after an outage cannot afford.
/// </summary>
internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var mail = options.Value;
        var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(mail.TimeoutSeconds).TotalMilliseconds };
        try
        {
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

            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(quit: true, quick.Token);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or MailKit.ProtocolException or System.Net.Sockets.SocketException)
            {
                // Everything this session sent was already accepted; a goodbye that fails changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
