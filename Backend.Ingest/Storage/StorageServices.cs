using Backend.Ingest.Hosting;
using Backend.Ingest.Storage.Schema;
using System.Data.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backend.Ingest.Storage;

public static class StorageServices
{
    /// <summary>
    /// The database (<see cref="StoreDatabase"/>, from <c>Backend:Store</c>), its shared data source, and the
    /// migration at start, and the upkeep of PostgreSQL's month partitions. Register before anything else that uses the database, so the migration starts first;
    /// registering twice (the host, then the read side it adds) changes nothing.
    /// </summary>
    public static IServiceCollection AddStoreDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(provider => StoreDatabase.FromOptions(
            StoreOptions.Read(configuration),
            configuration,
            provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.TryAddSingleton<DbDataSource>(provider => provider.GetRequiredService<StoreDatabase>().CreateDataSource());
        services.TryAddSingleton<SchemaReadiness>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaMigrationService>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TransactionPartitionUpkeep>());
        return services;
    }
}
