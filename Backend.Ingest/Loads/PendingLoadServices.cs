using System.Data.Common;

namespace Backend.Ingest.Loads;

/// <summary>Registers the pending-load list: the planner's catalog and the service that expires loads and publishes versions.</summary>
public static class PendingLoadServices
{
    public static IServiceCollection AddPendingLoads(this IServiceCollection services)
    {
        services.AddSingleton(provider => new PendingLoadListCatalog(provider.GetRequiredService<DbDataSource>()));
        services.AddHostedService<PendingLoadService>();
        return services;
    }
}
