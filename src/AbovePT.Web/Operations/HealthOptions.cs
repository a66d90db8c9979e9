using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Operations;

/// <summary>When <c>/healthz</c> starts saying the e-mail to the front desk is backing up.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// A request whose front-desk e-mail has been waiting longer than this makes the site "Degraded".
    /// Above the dispatcher's first few retries (30 s, 1, 2, 4 min), so one hiccup does not page anyone.
    /// </summary>
    [Range(1, 10080, ErrorMessage = "Health:MaxDeliveryWaitMinutes must be between 1 and 10080.")]
    public int MaxDeliveryWaitMinutes { get; set; } = 15;
}
