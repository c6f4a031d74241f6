using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Backend.Tests.Infrastructure;
using Backend.Tests.Storage;
using Npgsql;

namespace Backend.Tests.Backup;

/// <summary>
/// A fresh database to restore into: a new SQLite file, or a new PostgreSQL database on the test server, worked in
/// through a schema named otherwise than the backed-up one (the restore renames it), dropped when the test ends.
/// </summary>
internal sealed class RestoreTarget : IAsyncDisposable
{
    private readonly string? postgresDatabase;

    private RestoreTarget(StoreDatabase database, string? postgresDatabase)
    {
        Database = database;
        this.postgresDatabase = postgresDatabase;
    }

    public StoreDatabase Database { get; }

    public static async Task<RestoreTarget> CreateAsync(StoreKind kind)
    {
        if (kind == StoreKind.Sqlite)
        {
            return new RestoreTarget(StoreDatabase.Sqlite(StoreFactory.FreshSqlitePath()), null);
        }

        var name = $"restore_{Guid.NewGuid():N}";
        await ExecuteAsync($"create database {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString)
        {
            Database = name,
            SearchPath = "restored",
            Pooling = false,
        }.ToString();
        return new RestoreTarget(StoreDatabase.Postgres(connectionString), name);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgresDatabase is not null)
        {
            await ExecuteAsync($"drop database if exists {postgresDatabase} with (force)");
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
