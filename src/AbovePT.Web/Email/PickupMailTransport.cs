using Microsoft.Extensions.Options;
using MimeKit;

namespace AbovePT.Web.Email;

/// <summary>
/// Writes each message as an <c>.eml</c> file that any mail program opens: development needs no mail
/// server, and a person can read exactly what the front desk would receive.
/// </summary>
internal sealed class PickupMailTransport(IOptions<MailOptions> options, IHostEnvironment environment, TimeProvider time) : IMailTransport, IMailSession
{
    public string Folder { get; } = Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory);

    /// <summary>A folder needs no connection: every session is the transport itself.</summary>
    public Task<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) => Task.FromResult<IMailSession>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var name = $"{stamp}-{SafeName(message.MessageId ?? "message")}.eml";
        var path = Path.Combine(Folder, name);

        // Write then rename, so nobody ever opens half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }

    private static string SafeName(string messageId) =>
        new(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
}
