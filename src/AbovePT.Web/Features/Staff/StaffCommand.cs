using System.Globalization;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Features.Staff;

/// <summary>
/// <c>dotnet AbovePT.Web.dll staff invite|list|disable|enable|reset-2fa ...</c>: staff accounts from the server's
/// shell, with the site's own configuration and database. The first admin can only come from here. No password
/// or code ever goes on a command line: an invitation link lets the person choose their own.
/// </summary>
public static class StaffCommand
{
    public const string Name = "staff";

    private const string Usage = """
        Usage:
          staff invite --email E --name N --role admin|front-desk --location queen-creek|phoenix|all
                                    prints a single-use invitation link, valid 24 hours (its last line)
          staff list                every account: role, locations, state, second factor
          staff disable EMAIL       no more sign-in; open sessions end within a minute
          staff enable EMAIL        undoes disable
          staff reset-2fa EMAIL     removes the authenticator, recovery codes and passkeys (a lost phone)
        Run it from the site's folder with the site's settings (see docs/operations.md).
        """;

    private static readonly string[] InviteOptions = ["--email", "--name", "--role", "--location"];

    public static bool Handles(string[] args) => args is [Name, ..];

    /// <summary>Runs the command after <c>Build()</c> (services and configuration as the site has them), instead of the site.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<ClinicDbContext>();
        // Creating the first admin may come before the site's first start: bring the database up to date first,
        // exactly as the site does when it starts.
        var store = provider.GetRequiredService<ClinicStore>();
        await store.PrepareAsync(cancellationToken);
        await store.MigrateAsync(db, cancellationToken);
        await store.AfterMigrationsAsync(db, cancellationToken);

        var accounts = provider.GetRequiredService<StaffAccounts>();
        switch (args)
        {
            case [Name, "invite", .. var options]:
                return await InviteAsync(accounts, options, output, cancellationToken);
            case [Name, "list"]:
                return await ListAsync(accounts, output, cancellationToken);
            case [Name, "disable", var email]:
                return await ReportAsync(await accounts.DisableAsync(email, StaffAudit.CommandLine, null, cancellationToken), $"Disabled {email}. Their open sessions end within a minute.", output);
            case [Name, "enable", var email]:
                return await ReportAsync(await accounts.EnableAsync(email, StaffAudit.CommandLine, null, cancellationToken), $"Enabled {email}.", output);
            case [Name, "reset-2fa", var email]:
                return await ReportAsync(
                    await accounts.ResetSecondFactorAsync(email, StaffAudit.CommandLine, null, cancellationToken),
                    $"Removed the second factor of {email}. At their next sign-in with their password they set up a new one.",
                    output);
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> InviteAsync(StaffAccounts accounts, string[] options, TextWriter output, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Length; i += 2)
        {
            if (i + 1 >= options.Length || !InviteOptions.Contains(options[i], StringComparer.Ordinal) || values.ContainsKey(options[i]))
            {
                await output.WriteLineAsync($"Unexpected '{options[i]}'.");
                await output.WriteLineAsync(Usage);
                return 2;
            }

            values[options[i]] = options[i + 1];
        }

        var missing = InviteOptions.Where(o => !values.ContainsKey(o)).ToList();
        if (missing.Count > 0)
        {
            await output.WriteLineAsync($"Missing {string.Join(", ", missing)}.");
            await output.WriteLineAsync(Usage);
            return 2;
        }

        var (issued, problem) = await accounts.InviteAsync(
            values["--email"], values["--name"], values["--role"], values["--location"], StaffAudit.CommandLine, null, cancellationToken);
        if (issued is null)
        {
            await output.WriteLineAsync(problem);
            return 1;
        }

        var until = ArizonaTime.ToArizona(issued.ExpiresAtUtc);
        await output.WriteLineAsync(
            $"Invited {issued.User.DisplayName} <{issued.User.Email}> as {values["--role"]} for {values["--location"]}. " +
            $"Give them this link yourself; it works once, until {until.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} Arizona time:");
        await output.WriteLineAsync(issued.Link.AbsoluteUri);
        return 0;
    }

    private static async Task<int> ListAsync(StaffAccounts accounts, TextWriter output, CancellationToken cancellationToken)
    {
        var members = await accounts.MembersAsync(cancellationToken);
        await output.WriteLineAsync($"{"E-mail",-32} {"Name",-24} {"Role",-10} {"Locations",-22} {"State",-30} Second factor");
        foreach (var (user, roles, state, invitedUntil, secondFactor) in members)
        {
            var described = state switch
            {
                StaffAccountState.Disabled => "disabled",
                StaffAccountState.Active => "active",
                StaffAccountState.Invited => $"invited, until {ArizonaTime.ToArizona(invitedUntil!.Value).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)}",
                _ => "invitation expired",
            };
            await output.WriteLineAsync($"{user.Email,-32} {user.DisplayName,-24} {string.Join(",", roles),-10} {user.Locations,-22} {described,-30} {secondFactor}");
        }

        await output.WriteLineAsync($"{members.Count} account(s).");
        return 0;
    }

    private static async Task<int> ReportAsync(string? problem, string done, TextWriter output)
    {
        await output.WriteLineAsync(problem ?? done);
        return problem is null ? 0 : 1;
    }
}
