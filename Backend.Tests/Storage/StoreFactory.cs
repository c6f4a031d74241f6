using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Backend.Tests.Infrastructure;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Backend.Tests.Storage;

/// <summary>A fresh store of each kind: a new SQLite file, or a new schema in the test PostgreSQL.</summary>
internal static class StoreFactory
{
    public static async Task<ITransactionStore> CreateAsync(string kind) => (await CreateWithDatabaseAsync(kind)).Store;

    /// <summary>A fresh store, and a way to open a connection of its own to the same database (to read what it wrote).</summary>
    public static async Task<(ITransactionStore Store, Func<DbConnection> Connect)> CreateWithDatabaseAsync(string kind)
    {
        var database = await FreshMigratedAsync(kind);
        return (database.CreateTransactionStore(), Connector(database));
    }

    /// <summary>A way to open a connection of the test's own to <paramref name="database"/>.</summary>
    public static Func<DbConnection> Connector(StoreDatabase database) => database.Kind == StoreKind.Sqlite
        ? () => new SqliteConnection($"Data Source={database.SqlitePath};Pooling=false")
        : () => new NpgsqlConnection(database.ConnectionString);

    /// <summary>A fresh database of the kind ("sqlite" or "postgres"), not yet migrated.</summary>
    public static async Task<StoreDatabase> FreshAsync(string kind) =>
        kind == "sqlite" ? StoreDatabase.Sqlite(FreshSqlitePath()) : StoreDatabase.Postgres(await FreshSchemaAsync());

    /// <summary>A fresh database of the kind with every migration applied.</summary>
    public static async Task<StoreDatabase> FreshMigratedAsync(string kind)
    {
        var database = await FreshAsync(kind);
        SchemaMigrator.Migrate(database);
        return database;
    }

    public static string FreshSqlitePath() => Path.Combine(Directory.CreateTempSubdirectory("busfare-store-").FullName, "fares.db");

    /// <summary>A connection string to a new, empty schema of the test database.</summary>
    public static async Task<string> FreshSchemaAsync() =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { SearchPath = await ScratchSchemas.CreateAsync() }.ToString();

    /// <summary>The same database reached through <paramref name="proxy"/>.</summary>
    public static string Through(string connectionString, TcpProxy proxy) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ToString();
}
