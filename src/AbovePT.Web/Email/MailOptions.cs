using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Email;

public enum MailDeliveryMode
{
    /// <summary>Send through an SMTP server.</summary>
    Smtp,
    /// <summary>Write each message as an <c>.eml</c> file; for development, no mail server needed.</summary>
    Pickup,
}

public enum MailSecurity
{
    /// <summary>Plain text; only allowed to a server on this machine.</summary>
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>How much of a request the front desk's e-mail carries.</summary>
public enum FrontDeskDetail
{
    /// <summary>Everything the patient wrote, with a Reply-To the patient.</summary>
    Full,
    /// <summary>
    /// Only what a call back needs (reference, clinic, first name, phone, preferred days and times) and the link
    /// to the request's staff page: no health details, no last name, no e-mail address, no Reply-To.
    /// </summary>
    Minimal,
}

/// <summary>
/// How the site sends e-mail, bound from <c>Mail</c>. <see cref="UserName"/> and <see cref="Password"/>
/// come from user-secrets or environment variables, never from appsettings.json.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public MailDeliveryMode Delivery { get; set; } = MailDeliveryMode.Smtp;

    /// <summary>The site's sender, e.g. <c>Above &amp; Beyond Physical Therapy &lt;appointments@abovept.example&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "";

    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Per SMTP operation; MailKit's own default of two minutes would stall the queue.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Where <see cref="MailDeliveryMode.Pickup"/> writes; relative paths are under the content root.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>Wait before the first retry; each further retry waits twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>SMTP sessions open at once, each sending a burst of messages over one connection.</summary>
    [Range(1, 10, ErrorMessage = "Mail:MaxConnections must be between 1 and 10.")]
    public int MaxConnections { get; set; } = 2;

    /// <summary>
    /// The provider's sending limit: no more messages than this start in any 60 seconds (0: no limit).
    /// Microsoft 365 accepts 30 a minute per mailbox, the default; docs/operations.md lists others.
    /// </summary>
    [Range(0, 100000, ErrorMessage = "Mail:MaxMessagesPerMinute must be between 0 (no limit) and 100000.")]
    public int MaxMessagesPerMinute { get; set; } = 30;

    /// <summary>For practices that keep health details off e-mail: <see cref="FrontDeskDetail.Minimal"/>.</summary>
    public FrontDeskDetail FrontDeskDetail { get; set; } = FrontDeskDetail.Full;

    /// <summary>The sender as an address; <see cref="MailOptionsValidator"/> guarantees it parses.</summary>
    public MimeKit.MailboxAddress ParseSender() => MimeKit.MailboxAddress.Parse(From);
}

internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();

        // The binder turns a number into any enum value, defined or not ("Mail:Security=3" would otherwise
        // connect in plain text to any host); a misspelt name already stops start-up naming the key.
        RequireDefined(options.Delivery, "Mail:Delivery must be Smtp or Pickup.");
        RequireDefined(options.Security, "Mail:Security must be StartTls, SslOnConnect or None.");
        RequireDefined(options.FrontDeskDetail, "Mail:FrontDeskDetail must be Full or Minimal.");

        if (!MimeKit.MailboxAddress.TryParse(options.From, out var from) || !MailAddress.TryCreate(from.Address, out _))
        {
            failures.Add("Mail:From must be an e-mail address, e.g. \"Clinic <appointments@example.com>\".");
        }

        if (options.Delivery == MailDeliveryMode.Smtp)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                failures.Add("Mail:Host is required when Mail:Delivery is Smtp.");
            }
            else if (options.Security == MailSecurity.None && !IsLoopback(options.Host))
            {
                failures.Add("Mail:Security=None sends patient details unencrypted; it is only allowed when Mail:Host is this machine (localhost, 127.0.0.1, ::1). Use StartTls or SslOnConnect.");
            }

            if (!string.IsNullOrEmpty(options.UserName) && string.IsNullOrEmpty(options.Password))
            {
                failures.Add("Mail:Password is required when Mail:UserName is set (use user-secrets or the Mail__Password environment variable).");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            failures.Add("Mail:PickupDirectory is required when Mail:Delivery is Pickup.");
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            failures.Add("Mail:RetryDelay must be positive and no longer than Mail:MaxRetryDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void RequireDefined<T>(T value, string failure) where T : struct, Enum
        {
            if (!Enum.IsDefined(value))
            {
                failures.Add(failure);
            }
        }
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
