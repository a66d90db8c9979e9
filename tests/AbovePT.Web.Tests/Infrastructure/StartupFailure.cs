using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Sdk;

namespace AbovePT.Web.Tests.Infrastructure;

public static class StartupFailure
{
    /// <summary>Starts a site that is expected not to start, and returns the error that stopped it.</summary>
    /// <remarks>
    /// When start-up fails, the app's own <c>Run()</c> disposes its host, and WebApplicationFactory can lose
    /// that race and report an <see cref="ObjectDisposedException"/> in place of the real error
    /// (dotnet/aspnetcore#33494). Only that error is retried; any other outcome is returned as it came.
    /// </remarks>
    public static Exception StartupError(this WebApplicationFactory<Program> site)
    {
        for (var attempt = 1; ; attempt++)
        {
            var error = Record.Exception(() => site.CreateClient().Dispose())
                ?? throw new XunitException("The site started, but its start-up was expected to fail.");
            if (error is not ObjectDisposedException || attempt == 5)
            {
                return error;
            }
        }
    }
}
