using System.Data.Common;
using Backend.Ingest.Changes;
using Backend.Ingest.Loads;
using Backend.Ingest.Provisioning;

namespace Backend.Ingest.Downlink;

/// <summary>
/// Registers the downlink side: the signer (<see cref="DownlinkSigningKey"/>: configured, or kept in the data directory
/// of the host's content root), the catalog over the store's database with its refresh, and the planner.
/// </summary>
public static class DownlinkServices
{
    public static IServiceCollection AddDownlinkPlanner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider => DownlinkSigningKey.Resolve(
            configuration, DataDirectory.Resolve(configuration, provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory)));
        services.AddChanges();
        services.AddSingleton(provider => new DownlinkCatalog(
            provider.GetRequiredService<DbDataSource>(), provider.GetRequiredService<ChangeRunner>(), provider.GetRequiredService<DownlinkSigner>()));
        services.AddHostedService<DownlinkCatalogRefresh>();
        services.AddSingleton<DownlinkChanges>();
        services.AddSingleton<DownlinkSightings>();
        services.AddSingleton(provider => new DownlinkPlanner(
            provider.GetRequiredService<DownlinkCatalog>(), provider.GetRequiredService<DownlinkSigner>(), provider.GetService<TimeProvider>(),
            provider.GetService<PendingLoadListCatalog>()));
        return services;
    }
}
