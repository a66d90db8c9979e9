namespace AbovePT.Web.Features.Inbox;

public static class InboxServiceCollectionExtensions
{
    /// <summary>
    /// The request inbox's settings (<c>Inbox:</c>), read by the inbox and by <c>/healthz</c>; the staff home's
    /// overview.
    /// </summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddOptions<InboxOptions>()
            .BindConfiguration(InboxOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<InboxOverview>();
        return services;
    }
}
