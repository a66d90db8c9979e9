using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Features.Appointments;

/// <summary>Anti-abuse settings of the appointment form, bound from <c>Appointments</c>.</summary>
public sealed class AppointmentOptions
{
    public const string Section = "Appointments";

    /// <summary>A post sooner than this after the form was shown is a bot, and is quietly dropped.</summary>
    [Range(0, 600)]
    public int MinimumFillSeconds { get; set; } = 3;

    public RateLimitOptions RateLimit { get; set; } = new();

    public sealed class RateLimitOptions
    {
        /// <summary>Posts allowed per client (IP address) per window.</summary>
        public int PermitLimit { get; set; } = 5;

        public int WindowSeconds { get; set; } = 600;
    }
}
