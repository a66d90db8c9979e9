using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Features.Inbox;

/// <summary>The request inbox (<c>Inbox:</c> in configuration).</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>A New request older than this is flagged on the inbox and makes <c>/healthz</c> Degraded.</summary>
    [Range(1, 168, ErrorMessage = "Inbox:AttentionAfterHours must be between 1 and 168 hours.")]
    public int AttentionAfterHours { get; set; } = 4;

    public TimeSpan AttentionAfter => TimeSpan.FromHours(AttentionAfterHours);
}
