using System.Threading.RateLimiting;
using AbovePT.Web.Data;
using AbovePT.Web.Email;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Appointments;

public static class AppointmentsServiceCollectionExtensions
{
    /// <summary>The appointment form, its database, its e-mail and the per-client limit on posts.</summary>
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        services.AddOptions<AppointmentOptions>()
            .BindConfiguration(AppointmentOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.RateLimit.PermitLimit > 0 && o.RateLimit.WindowSeconds > 0,
                "Appointments:RateLimit:PermitLimit and Appointments:RateLimit:WindowSeconds must be positive.")
            .ValidateOnStart();

        // The dispatcher sends nothing until the database's first check (and migration) has found it ready.
        services.AddClinicDatabase();
        services.AddMail();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<IAfterMigrations, MailResumption>();
        services.AddHostedService<AppointmentMailDispatcher>();
        services.AddSingleton<FormTokens>();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AppointmentsController.PostRateLimitPolicy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<AppointmentOptions>>().Value.RateLimit;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit.PermitLimit,
                        Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                        QueueLimit = 0,
                    });
            });
            options.OnRejected = (context, _) => new ValueTask(TooManyRequestsPage.RenderAsync(context, "/Features/Appointments/TooManyRequests.cshtml"));
        });
        return services;
    }

    /// <summary>The rate limiter; must come after routing so it sees which endpoint a post is for.</summary>
    public static WebApplication UseAppointments(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
