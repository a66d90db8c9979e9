using Microsoft.Extensions.Options;

namespace AbovePT.Web.Clinic;

public static class ClinicServiceCollectionExtensions
{
    public static IServiceCollection AddClinic(this IServiceCollection services)
    {
        services.AddOptions<ClinicOptions>()
            .BindConfiguration(ClinicOptions.Section)
            .PostConfigure(options =>
            {
                foreach (var (id, location) in options.Locations)
                {
                    location.Id = id;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClinicOptions>, ClinicOptionsValidator>();
        return services;
    }
}
