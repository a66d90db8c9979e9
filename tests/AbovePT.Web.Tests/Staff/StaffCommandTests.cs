using System.Data.Common;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Staff;

/// <summary>The administrator's <c>staff</c> command, against a real SQLite file: accounts come only from here or the team page.</summary>
public sealed class StaffCommandTests : IDisposable
{
    private const string Ana = "ana.ruiz@abovept.example";

    private readonly SiteFactory _site = new();

    [Fact]
    public async Task Invite_PrintsASingleUseLinkFromSiteBaseUrlAsItsLastLine_AndKeepsOnlyItsHash()
    {
        var (exit, output) = await RunAsync("staff", "invite", "--email", Ana, "--name", "Ana Ruiz", "--role", "front-desk", "--location", "queen-creek");

        Assert.Equal(0, exit);
        var link = new Uri(output.TrimEnd().Split('\n')[^1].Trim());
        Assert.Equal("https://www.abovept.example/staff/invitation", link.GetLeftPart(UriPartial.Path));
        var token = link.Query["?token=".Length..];
        Assert.True(token.Length >= 43, "256 random bits");
        Assert.Contains("Ana Ruiz <ana.ruiz@abovept.example> as front-desk for queen-creek", output, StringComparison.Ordinal);
        Assert.Contains("Arizona time", output, StringComparison.Ordinal);

        await using var scope = _site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var invitation = await db.StaffInvitations.SingleAsync();
        Assert.Equal(StaffInvitation.Hash(token), invitation.TokenHash);
        Assert.NotEqual(token, invitation.TokenHash);
        Assert.Equal(TimeSpan.FromHours(24), invitation.ExpiresAtUtc - invitation.IssuedAtUtc);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var ana = Assert.IsType<StaffUser>(await users.FindByEmailAsync(Ana));
        Assert.Null(ana.PasswordHash);
        Assert.Equal("queen-creek", ana.Locations);
        Assert.Equal([StaffRoles.FrontDesk], await users.GetRolesAsync(ana));
        var audit = await db.StaffAudit.SingleAsync();
        Assert.Equal(StaffEvent.InvitationIssued, audit.Event);
        Assert.Equal(Ana, audit.StaffEmail);
        Assert.Equal(StaffAudit.CommandLine, audit.By);
        Assert.DoesNotContain(token, audit.Detail ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address", "Ana Ruiz", "admin", "all", "is not an e-mail address")]
    [InlineData(Ana, "", "admin", "all", "The name must be")]
    [InlineData(Ana, "Ana Ruiz", "owner", "all", "The role must be one of: admin, front-desk.")]
    [InlineData(Ana, "Ana Ruiz", "admin", "mesa", "The location must be one of: phoenix, queen-creek, all.")]
    public async Task Invite_BadValue_SaysWhichAndWhatIsAllowed_AndCreatesNothing(string email, string name, string role, string location, string message)
    {
        var (exit, output) = await RunAsync("staff", "invite", "--email", email, "--name", name, "--role", role, "--location", location);

        Assert.Equal(1, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", output, StringComparison.Ordinal);
        await using var scope = _site.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().Users.ToListAsync());
    }

    [Theory]
    [InlineData("--email", Ana, "--name", "Ana Ruiz", "--role", "admin")]
    [InlineData("--email", Ana, "--name", "Ana Ruiz", "--role", "admin", "--location", "all", "--password", "hunter2hunter2")]
    public async Task Invite_MissingOrUnknownOption_PrintsUsageAndExits2(params string[] options)
    {
        var (exit, output) = await RunAsync(["staff", "invite", .. options]);

        Assert.Equal(2, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Matches("Missing --location|Unexpected '--password'", output);
    }

    [Fact]
    public async Task Invite_AgainBeforeAccepting_TheEarlierLinkStopsWorking()
    {
        await RunAsync("staff", "invite", "--email", Ana, "--name", "Ana Ruiz", "--role", "front-desk", "--location", "phoenix");
        var (exit, _) = await RunAsync("staff", "invite", "--email", Ana, "--name", "Ana Ruiz", "--role", "admin", "--location", "all");

        Assert.Equal(0, exit);
        await using var scope = _site.Services.CreateAsyncScope();
        var invitations = await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().StaffInvitations.OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(2, invitations.Count);
        Assert.False(invitations[0].IsUsable(DateTime.UtcNow));
        Assert.True(invitations[1].IsUsable(DateTime.UtcNow));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var ana = (await users.FindByEmailAsync(Ana))!;
        Assert.Equal([StaffRoles.Admin], await users.GetRolesAsync(ana));
        Assert.Equal(StaffLocations.All, ana.Locations);
    }

    [Fact]
    public async Task Invite_SomeoneWithAnAccount_IsRefused()
    {
        await InviteAndAcceptAsync();

        var (exit, output) = await RunAsync("staff", "invite", "--email", Ana, "--name", "Ana Ruiz", "--role", "admin", "--location", "all");

        Assert.Equal(1, exit);
        Assert.Contains("already has an account", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    [InlineData("reset-2fa")]
    public async Task UnknownAccount_SaysSoAndExits1(string action)
    {
        var (exit, output) = await RunAsync("staff", action, "nobody@abovept.example");

        Assert.Equal(1, exit);
        Assert.Contains("No staff account for nobody@abovept.example.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_ThenEnable_ChangesTheSecurityStampAndIsAudited()
    {
        await InviteAndAcceptAsync();
        var stampBefore = (await FindAsync()).SecurityStamp;

        var (exit, output) = await RunAsync("staff", "disable", Ana);

        Assert.Equal(0, exit);
        Assert.Contains("Disabled ana.ruiz@abovept.example", output, StringComparison.Ordinal);
        var disabled = await FindAsync();
        Assert.True(disabled.IsDisabled);
        Assert.NotEqual(stampBefore, disabled.SecurityStamp);
        Assert.Equal(1, (await RunAsync("staff", "disable", Ana)).Exit);
        Assert.Contains("disabled", (await RunAsync("staff", "list")).Output, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("staff", "enable", Ana)).Exit);
        Assert.False((await FindAsync()).IsDisabled);
        Assert.Equal(
            [StaffEvent.InvitationIssued, StaffEvent.AccountDisabled, StaffEvent.AccountEnabled],
            (await AuditAsync()).Select(a => a.Event));
    }

    [Fact]
    public async Task ResetTwoFactor_RemovesTheAuthenticatorAndRecoveryCodes()
    {
        await InviteAndAcceptAsync();
        string? keyBefore;
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var ana = (await users.FindByEmailAsync(Ana))!;
            await users.ResetAuthenticatorKeyAsync(ana);
            await users.SetTwoFactorEnabledAsync(ana, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(ana, 10);
            keyBefore = await users.GetAuthenticatorKeyAsync(ana);
        }

        Assert.Contains("authenticator", (await RunAsync("staff", "list")).Output, StringComparison.Ordinal);
        var (exit, output) = await RunAsync("staff", "reset-2fa", Ana);

        Assert.Equal(0, exit);
        Assert.Contains("set up a new one", output, StringComparison.Ordinal);
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var ana = (await users.FindByEmailAsync(Ana))!;
            Assert.False(ana.TwoFactorEnabled);
            Assert.NotEqual(keyBefore, await users.GetAuthenticatorKeyAsync(ana));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(ana));
        }

        Assert.Contains("none yet", (await RunAsync("staff", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(StaffEvent.TwoFactorReset, (await AuditAsync())[^1].Event);
    }

    [Fact]
    public async Task List_ShowsEachAccountsRoleLocationsAndState_NeverALink()
    {
        var (_, invited) = await RunAsync("staff", "invite", "--email", "front@abovept.example", "--name", "Lupe Nuñez", "--role", "front-desk", "--location", "phoenix");
        await InviteAndAcceptAsync();

        var (exit, output) = await RunAsync("staff", "list");

        Assert.Equal(0, exit);
        var lupe = Assert.Single(output.Split('\n'), l => l.StartsWith("front@abovept.example", StringComparison.Ordinal));
        Assert.Contains("Lupe Nuñez", lupe, StringComparison.Ordinal);
        Assert.Contains("front-desk", lupe, StringComparison.Ordinal);
        Assert.Contains("phoenix", lupe, StringComparison.Ordinal);
        Assert.Contains("invited, until", lupe, StringComparison.Ordinal);
        Assert.Contains("active", Assert.Single(output.Split('\n'), l => l.StartsWith(Ana, StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("2 account(s).", output, StringComparison.Ordinal);
        Assert.DoesNotContain(invited.TrimEnd().Split('\n')[^1].Trim(), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditTrail_CannotBeChangedOrDeleted_ThroughTheSiteNorByHand()
    {
        await RunAsync("staff", "invite", "--email", Ana, "--name", "Ana Ruiz", "--role", "admin", "--location", "all");

        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            db.StaffAudit.Remove(await db.StaffAudit.SingleAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        // By hand: the database's own triggers refuse it, on either provider.
        foreach (var sql in new[] { "UPDATE \"StaffAudit\" SET \"Event\" = 'SignInSucceeded'", "DELETE FROM \"StaffAudit\"" })
        {
            await using var scope = _site.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var refused = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Single(await AuditAsync());
    }

    [Theory]
    [InlineData("short pass", "at least 12 characters")]
    [InlineData("ana.ruiz@abovept.example", "not your e-mail address")]
    [InlineData("ANA.RUIZ", "not your e-mail address")]
    [InlineData("aaaaaaaaaaaa", "different characters")]
    public async Task Password_WeakOrTheEmail_IsRefusedWithItsRule(string password, string message)
    {
        await RunAsync("staff", "invite", "--email", Ana, "--name", "Ana Ruiz", "--role", "admin", "--location", "all");
        await using var scope = _site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();

        var result = await users.AddPasswordAsync((await users.FindByEmailAsync(Ana))!, password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description.Contains(message, StringComparison.Ordinal));
    }

    private async Task InviteAndAcceptAsync()
    {
        await RunAsync("staff", "invite", "--email", Ana, "--name", "Ana Ruiz", "--role", "admin", "--location", "all");
        await using var scope = _site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var added = await users.AddPasswordAsync((await users.FindByEmailAsync(Ana))!, "correct horse battery");
        Assert.True(added.Succeeded, string.Join(" ", added.Errors.Select(e => e.Description)));
    }

    private async Task<StaffUser> FindAsync()
    {
        await using var scope = _site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(Ana))!;
    }

    private async Task<List<StaffAuditEntry>> AuditAsync()
    {
        await using var scope = _site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().StaffAudit.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await StaffCommand.RunAsync(_site.Services, args, output);
        return (exit, output.ToString());
    }

    public void Dispose()
    {
        _site.Dispose();
    }
}
