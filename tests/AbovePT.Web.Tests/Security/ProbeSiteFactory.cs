using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Security;

/// <summary>
/// The real site, optionally in another environment, plus a few probe paths under <c>/test/</c> that
/// sit behind all of the site's middleware: one that fails like a bug would, and a minimal form that
/// issues and checks antiforgery tokens with the site's own antiforgery and key settings.
/// </summary>
public sealed class ProbeSiteFactory : SiteFactory
{
    public const string FormPath = "/test/form";

    public string Environment { get; init; } = "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(Environment);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ProbePaths>());
    }

    private sealed class ProbePaths : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // The form probe only exercises antiforgery and the keys, so it may sit in front.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != FormPath)
                {
                    await nextMiddleware(context);
                    return;
                }

                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (HttpMethods.IsPost(context.Request.Method))
                {
                    context.Response.StatusCode = await antiforgery.IsRequestValidAsync(context)
                        ? StatusCodes.Status200OK
                        : StatusCodes.Status400BadRequest;
                    return;
                }

                await context.Response.WriteAsync(antiforgery.GetAndStoreTokens(context).RequestToken!);
            });
            next(app);
            // Reached only by paths the site does not handle, behind the exception handler.
            app.Run(context => context.Request.Path == "/test/boom"
                ? throw new InvalidOperationException("test failure")
                : NotFound(context));
        };

        private static Task NotFound(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
    }
}
