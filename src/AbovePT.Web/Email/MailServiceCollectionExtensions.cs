using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Email;

public static class MailServiceCollectionExtensions
{
    /// <summary>Options and the transport chosen by <c>Mail:Delivery</c>; callers build their own messages.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>()
            .BindConfiguration(MailOptions.Section)
            .ValidateDataAnnotations()
            .Validate<IConfiguration>(
                (_, configuration) => !PasswordInAppSettings(configuration),
                "Mail:Password must not be in an appsettings file, which is deployed and committed: use user-secrets in development and the Mail__Password environment variable in production.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();

        services.AddSingleton<IMailTransport>(provider =>
            provider.GetRequiredService<IOptions<MailOptions>>().Value.Delivery == MailDeliveryMode.Pickup
                ? ActivatorUtilities.CreateInstance<PickupMailTransport>(provider)
                : ActivatorUtilities.CreateInstance<SmtpMailTransport>(provider));
        services.AddSingleton<MailRateLimit>();
        return services;
    }

    /// <summary>User-secrets is a JSON file too, but not one named appsettings*.json.</summary>
    private static bool PasswordInAppSettings(IConfiguration configuration) =>
        configuration is IConfigurationRoot root
        && root.Providers.OfType<JsonConfigurationProvider>().Any(provider =>
            Path.GetFileName(provider.Source.Path ?? "").StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
            && provider.TryGet($"{MailOptions.Section}:{nameof(MailOptions.Password)}", out var password)
            && !string.IsNullOrEmpty(password));
}
