using System.Text.Json;
using AbovePT.Web.Features.Staff;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AbovePT.Web.Operations;

public static class OperationsServiceCollectionExtensions
{
    public const string HealthPath = "/healthz";

    /// <summary>The <c>/healthz</c> check and the 503 page for an unusable database.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHealthChecks().AddCheck<ClinicHealthCheck>("clinic");
        // The health check service logs every Degraded or Unhealthy answer, at Warning or Error, on every probe:
        // a monitor polling each 30 s would repeat the same line all night. What changed is logged once where it
        // is found (DatabaseMonitor, the dispatcher), and each /healthz answer carries its reason.
        services.AddLogging(logging => logging.AddFilter(typeof(HealthCheckService).Namespace + ".DefaultHealthCheckService", LogLevel.Critical));
        // From the container, not Filters.Add<T>(): that builds its factory by compiling an expression on the
        // first request, which is the first article's on a cold start.
        services.AddSingleton<DatabaseUnavailableFilter>();
        services.Configure<MvcOptions>(options => options.Filters.AddService<DatabaseUnavailableFilter>());
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: 200 with <c>Healthy</c> or <c>Degraded</c>, 503 with <c>Unhealthy</c>; a small JSON
    /// body with the reason and counts for whoever is paged.
    /// </summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary>Runs an administrator command when the arguments name one, otherwise the site.</summary>
    public static async Task RunSiteOrCommandAsync(this WebApplication app, string[] args)
    {
        if (RequestsCommand.Handles(args))
        {
            Environment.ExitCode = await RequestsCommand.RunAsync(app.Services, args, Console.Out);
            return;
        }

        if (StaffCommand.Handles(args))
        {
            Environment.ExitCode = await StaffCommand.RunAsync(app.Services, args, Console.Out);
            return;
        }

        if (DatabaseCommand.Handles(args))
        {
            Environment.ExitCode = await DatabaseCommand.RunAsync(app.Services, args, Console.Out);
            return;
        }

        await app.RunAsync();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var entry = report.Entries.Values.FirstOrDefault();
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["description"] = entry.Description ?? entry.Exception?.GetType().Name,
            ["data"] = entry.Data,
        }, cancellationToken: context.RequestAborted);
    }
}
