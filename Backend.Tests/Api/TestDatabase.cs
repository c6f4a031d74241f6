using System.Data.Common;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Backend.Tests.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Backend.Tests.Api;

/// <summary>
/// A fresh database of either kind for one test (a new SQLite file, or a new schema in the test PostgreSQL),
/// holding every table of the backend's migrated schema, and the configuration that points
/// the backend at it.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string kind, string connectionString, DbDataSource dataSource, IReadOnlyDictionary<string, string?> configuration)
    {
        Kind = kind;
        ConnectionString = connectionString;
        DataSource = dataSource;
        Configuration = configuration;
    }

    public string Kind { get; }

    public string ConnectionString { get; }

    public DbDataSource DataSource { get; }

    /// <summary>The privacy key goes with the database: every host started on it seals and opens its contacts with the same key.</summary>
    public const string PrivacyKeySetting = "Backend:Privacy:KeyFile";

    /// <summary>Backend:Store:* for this database, and its privacy key file.</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; }

    public static async Task<TestDatabase> CreateAsync(string kind)
    {
        var database = kind switch
        {
            "sqlite" => Sqlite(),
            "postgres" => await PostgresAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "sqlite or postgres"),
        };
        await database.CreateContractTablesAsync();
        return database;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private static TestDatabase Sqlite()
    {
        var path = StoreFactory.FreshSqlitePath();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        return new TestDatabase("sqlite", connectionString, SqliteFactory.Instance.CreateDataSource(connectionString),
            new Dictionary<string, string?> { ["Backend:Store:Kind"] = "Sqlite", ["Backend:Store:Sqlite"] = path, [PrivacyKeySetting] = FreshPrivacyKeyPath() });
    }

    private static async Task<TestDatabase> PostgresAsync()
    {
        var connectionString = await StoreFactory.FreshSchemaAsync();
        return new TestDatabase("postgres", connectionString, NpgsqlDataSource.Create(connectionString),
            new Dictionary<string, string?> { ["Backend:Store:Kind"] = "Postgres", ["Backend:Store:Postgres"] = connectionString, [PrivacyKeySetting] = FreshPrivacyKeyPath() });
    }

    private static string FreshPrivacyKeyPath() => Path.Combine(Directory.CreateTempSubdirectory("busfare-privacy-").FullName, "privacy.key");

    /// <summary>The same database as the backend sees it (e.g. for an ingest store writing into it).</summary>
    public StoreDatabase Store() =>
        Kind == "sqlite" ? StoreDatabase.Sqlite(Configuration["Backend:Store:Sqlite"]!) : StoreDatabase.Postgres(ConnectionString);

    /// <summary>Every table, exactly as the backend's migrations create them.</summary>
    private Task CreateContractTablesAsync()
    {
        SchemaMigrator.Migrate(Store());
        return Task.CompletedTask;
    }
}
