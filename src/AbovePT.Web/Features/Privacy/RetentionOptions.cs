using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Features.Privacy;

/// <summary>
/// How long the site keeps an appointment request once the front desk has closed it (scheduled, declined, referred,
/// unreachable, duplicate or spam). Read by the privacy notice, which promises it to patients, so the two never
/// disagree.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Appointments";

    [Range(1, 3650, ErrorMessage = "Appointments:RetentionDays must be between 1 and 3650 days.")]
    public int RetentionDays { get; set; } = 180;
}
