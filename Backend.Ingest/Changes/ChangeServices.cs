using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backend.Ingest.Changes;

public static class ChangeServices
{
    /// <summary>The <see cref="ChangeRunner"/> over the store's data source (registered by <c>AddStoreDatabase</c>).</summary>
    public static IServiceCollection AddChanges(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChangeRunner>();
        return services;
    }
}
