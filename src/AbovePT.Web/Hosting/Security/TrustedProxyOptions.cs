using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AbovePT.Web.Hosting.Security;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Anyone
/// else sending those headers is ignored, so a client cannot pick the IP address the rate limit sees.
/// </summary>
public sealed class TrustedProxyOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>. Empty with no networks: loopback only (nginx on the same host).</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new ValidationResult(
                    $"{Section}:KnownProxies:{i} '{KnownProxies[i]}' is not an IP address.",
                    [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new ValidationResult(
                    $"{Section}:KnownNetworks:{i} '{KnownNetworks[i]}' is not a network in CIDR form (10.0.0.0/24).",
                    [nameof(KnownNetworks)]);
            }
        }
    }
}
