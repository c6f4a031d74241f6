using Backend.Ingest.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Privacy;

/// <summary>
/// Passenger data protection (docs/privacy.md): <see cref="AddPrivacyKey"/> registers the key and what it derives (the
/// read side needs the card pseudonyms), <see cref="AddPassengerPrivacy"/> adds the start-up sealing and the retention
/// job, <see cref="MapPrivacyApi"/> the export and erase endpoints.
/// </summary>
public static class PrivacyServices
{
    public static IServiceCollection AddPrivacyKey(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PrivacyOptions>(configuration.GetSection(PrivacyOptions.Section));
        services.TryAddSingleton(provider => PrivacyKey.Load(KeyPath(
            provider.GetRequiredService<IOptions<PrivacyOptions>>().Value, configuration, provider.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.TryAddSingleton<ContactVault>();
        services.TryAddSingleton<CardPseudonyms>();
        return services;
    }

    public static IServiceCollection AddPassengerPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPrivacyKey(configuration);
        services.TryAddSingleton<RetentionSweep>();
        services.AddHostedService<ContactSealingService>();
        services.AddHostedService<RetentionService>();
        return services;
    }

    public static RouteGroupBuilder MapPrivacyApi(this RouteGroupBuilder api)
    {
        PrivacyEndpoints.Map(api);
        return api;
    }

    private static string KeyPath(PrivacyOptions options, IConfiguration configuration, string contentRoot) =>
        options.KeyFile is { Length: > 0 } configured
            ? Path.GetFullPath(configured, contentRoot)
            : Path.Combine(DataDirectory.Resolve(configuration, contentRoot), PrivacyKey.FileName);
}
