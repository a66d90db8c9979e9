using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace AbovePT.Web.Features.Appointments;

/// <summary>A form's one-time submission id and the moment it was shown.</summary>
public sealed record FormTicket(Guid SubmissionId, DateTimeOffset RenderedAt);

/// <summary>
/// Seals a <see cref="FormTicket"/> into the form with Data Protection, so a bot can neither backdate the
/// render time (to beat the minimum fill time) nor invent submission ids. Also seals the confirmation
/// link's request id, so a confirmation page cannot be found by counting.
/// </summary>
public sealed class FormTokens(IDataProtectionProvider dataProtection, TimeProvider time)
{
    /// <summary>Long enough to come back to a confirmation the same day, short enough not to linger.</summary>
    private static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(1);

    private readonly IDataProtector _form = dataProtection.CreateProtector("AbovePT.Appointments.Form.v1");
    private readonly ITimeLimitedDataProtector _confirmation =
        dataProtection.CreateProtector("AbovePT.Appointments.Confirmation.v1").ToTimeLimitedDataProtector();

    public string IssueForm() =>
        _form.Protect(string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}.{time.GetUtcNow().ToUnixTimeMilliseconds()}"));

    public FormTicket? ReadForm(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _form.Unprotect(token).Split('.');
            return parts.Length == 2
                && Guid.TryParseExact(parts[0], "N", out var id)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                ? new FormTicket(id, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds))
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public string IssueConfirmation(int requestId) =>
        _confirmation.Protect(requestId.ToString(CultureInfo.InvariantCulture), ConfirmationLifetime);

    public int? ReadConfirmation(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return int.TryParse(_confirmation.Unprotect(token), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
