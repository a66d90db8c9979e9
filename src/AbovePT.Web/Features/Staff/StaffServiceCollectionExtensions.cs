using AbovePT.Web.Data;
using AbovePT.Web.Hosting;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>
    /// What of Identity's settings shapes the tables (schema version 3: passkeys), for the site and for
    /// <c>dotnet ef</c>'s design-time contexts alike: a migration made without it would drop the passkeys.
    /// </summary>
    internal static void ConfigureStores(StoreOptions stores) => stores.SchemaVersion = IdentitySchemaVersions.Version3;

    /// <summary>
    /// Staff accounts: ASP.NET Core Identity on the clinic database (schema version 3, with passkeys), invitation
    /// only, with the password and lockout rules of the staff side, and the audit trail.
    /// </summary>
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddIdentityCore<StaffUser>(options =>
            {
                ConfigureStores(options.Stores);
                options.User.RequireUniqueEmail = true;
                // "Confirmed" here means: accepted its invitation and not disabled (StaffUserConfirmation).
                options.SignIn.RequireConfirmedAccount = true;
                // Length over character classes (NIST SP 800-63B): at least 12, not the e-mail (StaffPasswordValidator).
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClinicDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<StaffPasswordValidator>();
        services.AddScoped<IUserConfirmation<StaffUser>, StaffUserConfirmation>();
        // The relying party is the configured site, never the request's Host header (which a client chooses). The
        // authenticator must verify the person (PIN, fingerprint, face), so a passkey alone counts as both factors;
        // and it keeps the passkey itself (discoverable), so signing in asks for no e-mail address and the sign-in
        // page never says whether an address has an account.
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
        {
            options.ServerDomain = new Uri(site.Value.BaseUrl).Host;
            options.UserVerificationRequirement = "required";
            options.ResidentKeyRequirement = "required";
        });
        services.AddStaffSignIn();
        services.AddRateLimiter(options => options.AddPolicy<string, StaffSignInRateLimit>(StaffController.SignInRateLimitPolicy));
        services.AddScoped<StaffAudit>();
        services.AddScoped<StaffAccounts>();
        return services;
    }
}

/// <summary>
/// Sign-in, code, invitation and passkey posts: 30 per client address in 10 minutes, far above a person's mistakes
/// and far below guessing. A refusal is the staff side's own page, not the appointment form's.
/// </summary>
internal sealed class StaffSignInRateLimit : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        return new ValueTask(TooManyRequestsPage.RenderAsync(context, "/Features/Staff/TooManyRequests.cshtml"));
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 });
}

/// <summary>Who may sign in at all: an account whose invitation was accepted, and that is not disabled.</summary>
internal sealed class StaffUserConfirmation : IUserConfirmation<StaffUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffUser> manager, StaffUser user) =>
        Task.FromResult(user.HasAccepted && !user.IsDisabled);
}

/// <summary>A password must not be the account's e-mail address or its mailbox name.</summary>
internal sealed class StaffPasswordValidator : IPasswordValidator<StaffUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var email = user.Email ?? "";
        var mailbox = email.Split('@')[0];
        var same = password is not null && (password.Contains(email, StringComparison.OrdinalIgnoreCase) && email.Length > 0
            || mailbox.Length >= 4 && password.Equals(mailbox, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(same
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordIsEmail", Description = "Choose a password that is not your e-mail address." })
            : IdentityResult.Success);
    }
}

/// <summary>Writes the audit trail: a staff event at once, on its own; a request's with the change it records.</summary>
public sealed class StaffAudit(ClinicDbContext db, TimeProvider time)
{
    public const string CommandLine = "command line";

    public async Task RecordAsync(StaffEvent what, string? staffEmail, string? by, string? ipAddress, string? detail = null, CancellationToken cancellationToken = default)
    {
        db.StaffAudit.Add(StaffAuditEntry.Of(what, time.GetUtcNow().UtcDateTime, staffEmail, by, ipAddress, detail));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// An entry saved with the change it records, by the caller's next <c>SaveChangesAsync</c>: the change and its
    /// record land together or not at all. A request's timeline names it by <paramref name="reference"/>.
    /// </summary>
    public void Add(StaffEvent what, string staffEmail, string? ipAddress, string? detail = null, string? reference = null) =>
        db.StaffAudit.Add(StaffAuditEntry.Of(what, time.GetUtcNow().UtcDateTime, staffEmail, null, ipAddress, detail, reference));
}
