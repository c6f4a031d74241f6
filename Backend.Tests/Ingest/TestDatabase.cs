using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Backend.Tests.Storage;

namespace Backend.Tests.Ingest;

/// <summary>A fresh database of either kind for one test, and a store of the test's own to look into it.</summary>
internal sealed record TestDatabase(StoreKind Kind, string? SqlitePath, string? PostgresConnectionString)
{
    public static async Task<TestDatabase> CreateAsync(string kind) => kind == "sqlite"
        ? new TestDatabase(StoreKind.Sqlite, StoreFactory.FreshSqlitePath(), null)
        : new TestDatabase(StoreKind.Postgres, null, await StoreFactory.FreshSchemaAsync());

    public async Task<ITransactionStore> OpenAsync()
    {
        ITransactionStore store = Kind == StoreKind.Sqlite ? new SqliteTransactionStore(SqlitePath!) : new PostgresTransactionStore(PostgresConnectionString!);
        await store.InitializeAsync();
        return store;
    }
}
