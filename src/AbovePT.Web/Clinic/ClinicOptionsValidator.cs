using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Clinic;

/// <summary>
/// Refuses to start without both locations fully described: a missing phone or front-desk e-mail would
/// otherwise surface as a patient nobody can reach. Each failure names the exact configuration key.
/// </summary>
internal sealed class ClinicOptionsValidator : IValidateOptions<ClinicOptions>
{
    public ValidateOptionsResult Validate(string? name, ClinicOptions options)
    {
        var failures = new List<string>();
        foreach (var id in ClinicOptions.RequiredLocationIds)
        {
            var key = $"{ClinicOptions.Section}:Locations:{id}";
            if (!options.Locations.TryGetValue(id, out var location))
            {
                failures.Add($"{key} is missing.");
                continue;
            }

            Require(location.Name, $"{key}:Name");
            Require(location.Code, $"{key}:Code");
            Require(location.StreetAddress, $"{key}:StreetAddress");
            Require(location.City, $"{key}:City");
            Require(location.PostalCode, $"{key}:PostalCode");
            RequirePhone(location.Phone, $"{key}:Phone");
            RequirePhone(location.Fax, $"{key}:Fax");
            if (string.IsNullOrWhiteSpace(location.Email))
            {
                failures.Add($"{key}:Email is required.");
            }
            else if (!MailAddress.TryCreate(location.Email, out _))
            {
                failures.Add($"{key}:Email is not an e-mail address.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(string value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{key} is required.");
            }
        }

        void RequirePhone(string value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{key} is required.");
            }
            else if (value.Count(char.IsAsciiDigit) != 10)
            {
                failures.Add($"{key} must be a 10-digit US number.");
            }
        }
    }
}
