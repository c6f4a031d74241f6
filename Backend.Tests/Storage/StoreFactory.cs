using Backend.Ingest.Storage;
using Backend.Tests.Infrastructure;
using Npgsql;

namespace Backend.Tests.Storage;

/// <summary>A fresh store of each kind: a new SQLite file, or a new schema in the test PostgreSQL.</summary>
internal static class StoreFactory
{
    public static async Task<ITransactionStore> CreateAsync(string kind)
    {
        ITransactionStore store = kind switch
        {
            "sqlite" => new SqliteTransactionStore(Path.Combine(Directory.CreateTempSubdirectory("busfare-store-").FullName, "fares.db")),
            _ => new PostgresTransactionStore(await FreshSchemaAsync()),
        };
        await store.InitializeAsync();
        return store;
    }

    private static async Task<string> FreshSchemaAsync()
    {
        var schema = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create schema {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { SearchPath = schema }.ToString();
    }
}
