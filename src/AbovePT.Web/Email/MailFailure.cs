using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;

namespace AbovePT.Web.Email;

public enum MailFailureKind
{
    /// <summary>The server refused the message for good (a 5xx reply): sending it again cannot help.</summary>
    Permanent,

    /// <summary>No connection, a timeout, a 4xx reply, a broken session: worth another try later.</summary>
    Transient,

    /// <summary>Not a mail failure at all: a fault of the caller's (a message that could not be built).</summary>
    Unexpected,
}

/// <summary>
/// What a failed <see cref="IMailSession.SendAsync"/> (or <see cref="IMailTransport.OpenSessionAsync"/>) means, in the transport's own terms, so callers decide
/// what to do without knowing MailKit. Two descriptions: the whole reply for the caller's own records (it can
/// quote an address), and a summary without the server's words for logs.
/// </summary>
public static class MailFailure
{
    public static MailFailureKind Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        SmtpCommandException refused when (int)refused.StatusCode >= 500 => MailFailureKind.Permanent,
        OperationCanceledException when cancellationToken.IsCancellationRequested => MailFailureKind.Unexpected,
        SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException => MailFailureKind.Transient,
        MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException => MailFailureKind.Transient,
        IOException or SocketException or TimeoutException or OperationCanceledException => MailFailureKind.Transient,
        _ => MailFailureKind.Unexpected,
    };

    /// <summary>The full reply, for the caller's database row only: it can quote the patient's address.</summary>
    public static string Describe(Exception exception) => exception is SmtpCommandException smtp
        ? $"SMTP {(int)smtp.StatusCode} {smtp.ErrorCode}: {smtp.Message}"
        : $"{exception.GetType().Name}: {exception.Message}";

    /// <summary>What logs may carry: the kind of failure and the SMTP code, never the server's words.</summary>
    public static string Summary(Exception exception) => exception switch
    {
        SmtpCommandException smtp => $"SMTP {(int)smtp.StatusCode} {smtp.ErrorCode}",
        SocketException socket => $"{nameof(SocketException)} {socket.SocketErrorCode}",
        _ => exception.GetType().Name,
    };
}
