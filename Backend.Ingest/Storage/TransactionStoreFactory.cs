using Backend.Ingest.Hosting;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Storage;

/// <summary>Makes the configured store (Backend:Store); each ingest worker owns one, with its own connection.</summary>
public sealed class TransactionStoreFactory(IOptions<BackendOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    /// <summary>The SQLite file (<see cref="SqliteLocation"/>).</summary>
    public string SqlitePath => SqliteLocation.Resolve(configuration, environment.ContentRootPath);

    public ITransactionStore Create()
    {
        var store = options.Value.Store;
        return store.Kind switch
        {
            StoreKind.Sqlite => new SqliteTransactionStore(SqlitePath),
            StoreKind.Postgres => new PostgresTransactionStore(
                store.Postgres ?? throw new InvalidOperationException("Backend:Store:Kind is Postgres but Backend:Store:Postgres (the connection string) is not set")),
            _ => throw new InvalidOperationException($"unknown Backend:Store:Kind {store.Kind}"),
        };
    }
}
