using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Npgsql;

namespace Terminal.Emulator.Bench;

/// <summary>
/// A throw-away database for one run, migrated: a SQLite file in a fresh temp folder, or a fresh schema of the
/// given PostgreSQL database, dropped (or deleted) when disposed.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string _place;

    private ScratchDatabase(StoreDatabase database, string? server, string place)
    {
        Database = database;
        _server = server;
        _place = place;
    }

    public StoreDatabase Database { get; }

    /// <summary>Backend:Store:* naming this database, for a backend to run on it.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Backend:Store:Kind"] = Database.Kind.ToString(),
        ["Backend:Store:Sqlite"] = Database.SqlitePath,
        ["Backend:Store:Postgres"] = _server is null ? null : Database.ConnectionString,
    };

    /// <summary><paramref name="postgres"/> null: SQLite.</summary>
    public static async Task<ScratchDatabase> CreateAsync(string? postgres, CancellationToken cancellation)
    {
        ScratchDatabase scratch;
        if (postgres is null)
        {
            var folder = Directory.CreateTempSubdirectory("busfare-bench-").FullName;
            scratch = new ScratchDatabase(StoreDatabase.Sqlite(Path.Combine(folder, "busfare.db")), null, folder);
        }
        else
        {
            var schema = $"busfare_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(postgres))
            {
                await connection.OpenAsync(cancellation);
                await using var create = new NpgsqlCommand($"create schema {schema}", connection);
                await create.ExecuteNonQueryAsync(cancellation);
            }

            scratch = new ScratchDatabase(
                StoreDatabase.Postgres(new NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema }.ToString()), postgres, schema);
        }

        SchemaMigrator.Migrate(scratch.Database);
        return scratch;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            Directory.Delete(_place, recursive: true);
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {_place} cascade", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
