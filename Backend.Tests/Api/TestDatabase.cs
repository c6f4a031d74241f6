using System.Data.Common;
using Backend.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Backend.Tests.Api;

/// <summary>
/// A fresh database of either kind for one test (a new SQLite file, or a new schema in the test PostgreSQL),
/// holding the ingest store's tables as the backend's shared schema defines them, and the configuration that points
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

    /// <summary>Backend:Store:* for this database.</summary>
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
        var path = Path.Combine(Directory.CreateTempSubdirectory("busfare-api-").FullName, "fares.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        return new TestDatabase("sqlite", connectionString, SqliteFactory.Instance.CreateDataSource(connectionString),
            new Dictionary<string, string?> { ["Backend:Store:Kind"] = "Sqlite", ["Backend:Store:Sqlite"] = path });
    }

    private static async Task<TestDatabase> PostgresAsync()
    {
        var schema = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create schema {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { SearchPath = schema }.ToString();
        return new TestDatabase("postgres", connectionString, NpgsqlDataSource.Create(connectionString),
            new Dictionary<string, string?> { ["Backend:Store:Kind"] = "Postgres", ["Backend:Store:Postgres"] = connectionString });
    }

    /// <summary>The contract's transactions and terminals tables, column for column (the ingest store creates them in production).</summary>
    private Task CreateContractTablesAsync() => ExecuteAsync($"""
        create table transactions (
            terminal_id bigint not null,
            sequence bigint not null,
            kind integer not null,
            recorded_at bigint not null,
            amount integer not null,
            card_uid text null,
            token_id bigint null,
            account_id bigint null,
            balance_after integer null,
            route_id integer not null,
            record {(Kind == "sqlite" ? "blob" : "bytea")} not null,
            received_at bigint not null,
            primary key (terminal_id, sequence));
        create index transactions_card_uid on transactions (card_uid);
        create index transactions_received_at on transactions (received_at);
        create table terminals (
            terminal_id bigint primary key,
            high_water bigint not null,
            last_batch_at bigint not null);
        """);
}
