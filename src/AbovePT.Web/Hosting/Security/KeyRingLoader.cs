using Microsoft.AspNetCore.DataProtection;

namespace AbovePT.Web.Hosting.Security;

/// <summary>
/// Loads the Data Protection key ring (and on a first start makes and stores its first key) beside the server's
/// start, so the first form or sign-in finds it ready. It stands in for the framework's own start-up service,
/// which does the same before the server may listen; no article needs a key, so the first article need not wait.
/// </summary>
/// <remarks>
/// Like the framework's service, a failure here is only logged and stops nothing: every request that protects or
/// unprotects something tries the key ring again and fails on its own if it still cannot be loaded. A protector
/// is the public way in; what it protects is thrown away.
/// </remarks>
internal sealed partial class KeyRingLoader(IDataProtectionProvider protection, ILogger<KeyRingLoader> logger) : BackgroundService
{
    /// <summary>The framework's own start-up service, removed in favour of this one.</summary>
    internal const string FrameworkServiceName = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            protection.CreateProtector(nameof(KeyRingLoader)).Protect([0]);
        }
#pragma warning disable CA1031 // Whatever stops the key ring is the requests' to report; this one only says it early.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The Data Protection key ring could not be loaded at start-up; forms and staff sign-in fail until it can")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
