using Microsoft.Extensions.Options;

namespace AbovePT.Web.Email;

public static class MailServiceCollectionExtensions
{
    /// <summary>Options, the transport chosen by <c>Mail:Delivery</c>, and the background dispatcher.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>()
            .BindConfiguration(MailOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();

        services.AddSingleton<IMailTransport>(provider =>
            provider.GetRequiredService<IOptions<MailOptions>>().Value.Delivery == MailDeliveryMode.Pickup
                ? ActivatorUtilities.CreateInstance<PickupMailTransport>(provider)
                : ActivatorUtilities.CreateInstance<SmtpMailTransport>(provider));
        services.AddSingleton<MailSignal>();
        services.AddHostedService<MailDispatcher>();
        return services;
    }
}
