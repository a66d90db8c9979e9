using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Staff;

/// <summary>Session limits on the staff side (<c>Staff:</c> in configuration).</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>A session with no request for this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>No session lasts longer than this from its sign-in, however busy.</summary>
    public TimeSpan AbsoluteLimit { get; set; } = TimeSpan.FromHours(10);
}

/// <summary>The staff cookie, the "signed in with both factors" policy, and the session's absolute limit.</summary>
public static class StaffSignIn
{
    /// <summary>The policy on every page behind the sign-in: a session that was opened with both factors.</summary>
    public const string Policy = "Staff";

    public const string AdminPolicy = "StaffAdmin";

    /// <summary>Kept in the ticket from the first sign-in on: renewals reset <c>IssuedUtc</c>, never this.</summary>
    private const string SignedInAtKey = "staff.signed-in-at";

    public static void AddStaffSignIn(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AbsoluteLimit >= o.IdleTimeout,
                "Staff:IdleTimeout must be positive and Staff:AbsoluteLimit at least as long.")
            .ValidateOnStart();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IHostEnvironment, IOptions<StaffOptions>>((options, environment, staff) =>
            {
                Harden(options.Cookie, environment, "staff");
                options.ExpireTimeSpan = staff.Value.IdleTimeout;
                options.SlidingExpiration = true;
                options.LoginPath = "/staff/sign-in";
                options.LogoutPath = "/staff/sign-out";
                options.AccessDeniedPath = "/staff/denied";
                options.ReturnUrlParameter = "returnUrl";
                options.Events.OnSigningIn = context =>
                {
                    context.Properties.Items.TryAdd(SignedInAtKey, context.HttpContext.RequestServices
                        .GetRequiredService<TimeProvider>().GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                    return Task.CompletedTask;
                };
                options.Events.OnValidatePrincipal = ValidateAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme)
            .Configure<IHostEnvironment>((options, environment) =>
            {
                Harden(options.Cookie, environment, "staff-step");
                options.ExpireTimeSpan = TimeSpan.FromMinutes(10);
            });
        // Disabling an account or resetting its second factor changes its stamp: its sessions end within a minute.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            // The check rebuilds the principal from the database, which knows nothing of how this session was opened:
            // keep "signed in with both factors", or every session would lose its access at its first check.
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst("amr") is { } amr && context.NewPrincipal?.Identity is ClaimsIdentity identity
                    && !identity.HasClaim("amr", amr.Value))
                {
                    identity.AddClaim(new Claim("amr", amr.Value));
                }

                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireClaim("amr", "mfa"))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim("amr", "mfa").RequireRole(StaffRoles.Admin));
    }

    /// <summary>
    /// <c>__Host-</c> (Secure, Path=/, no Domain: no other host can set or read it), HttpOnly, SameSite=Strict.
    /// Plain names over plain HTTP in Development and the tests, where browsers refuse a <c>__Host-</c> cookie.
    /// </summary>
    private static void Harden(CookieBuilder cookie, IHostEnvironment environment, string name)
    {
        var local = Hosting.Security.SecurityServiceCollectionExtensions.IsLocal(environment);
        cookie.Name = local ? name : "__Host-" + name;
        cookie.SecurePolicy = local ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    /// <summary>Ends a session past its absolute limit; otherwise Identity's security-stamp check, as always.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var limit = services.GetRequiredService<IOptions<StaffOptions>>().Value.AbsoluteLimit;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!context.Properties.Items.TryGetValue(SignedInAtKey, out var at)
            || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
            || now - signedInAt > limit)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The step between the password and the second factor, as Identity itself keeps it (its user id as the name).</summary>
    public static Task BeginSecondStepAsync(HttpContext context, string userId) =>
        context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userId)], IdentityConstants.TwoFactorUserIdScheme)));

    public static Task EndSecondStepAsync(HttpContext context) => context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
}
