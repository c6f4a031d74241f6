using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Backend.Tests.Storage;

namespace Backend.Tests.Ingest;

/// <summary>A fresh database of either kind for one test, and a store of the test's own to look into it.</summary>
internal sealed record TestDatabase(StoreKind Kind, string? SqlitePath, string? PostgresConnectionString)
{
    public static async Task<TestDatabase> CreateAsync(string kind) => kind == "sqlite"
        ? new TestDatabase(StoreKind.Sqlite, StoreFactory.FreshSqlitePath(), null)
        : new TestDatabase(StoreKind.Postgres, null, await StoreFactory.FreshSchemaAsync());

    /// <summary>The privacy key goes with the database: every host started on it (a restart, a second worker process) seals and opens contacts with the same key.</summary>
    public string PrivacyKeyFile { get; } = Path.Combine(Directory.CreateTempSubdirectory("busfare-privacy-").FullName, "privacy.key");

    public StoreDatabase Database => Kind == StoreKind.Sqlite ? StoreDatabase.Sqlite(SqlitePath!) : StoreDatabase.Postgres(PostgresConnectionString!);

    /// <summary>A store of the test's own on the database, migrated first (the backend under test may not have started yet).</summary>
    public Task<ITransactionStore> OpenAsync()
    {
        SchemaMigrator.Migrate(Database);
        return Task.FromResult(Database.CreateTransactionStore());
    }
}
