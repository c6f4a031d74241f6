using System.Data.Common;
using Backend.Ingest.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Backend.Ingest.Storage;

/// <summary>
/// The one database of the backend, as <c>Backend:Store</c> names it, read once from the typed options: its kind
/// and connection string. Everything that touches the database gets it from here: the migrations, each ingest
/// worker's own store, and the data source the read side and the back office borrow connections from.
/// </summary>
public sealed class StoreDatabase
{
    public StoreDatabase(StoreKind kind, string connectionString, SqliteTuning? sqliteTuning = null)
    {
        Kind = kind;
        ConnectionString = connectionString;
        SqliteTuning = sqliteTuning ?? new SqliteTuning();
    }

    public StoreKind Kind { get; }

    public string ConnectionString { get; }

    /// <summary>The memory an ingest store's SQLite connection may use (unused on PostgreSQL).</summary>
    public SqliteTuning SqliteTuning { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string? SqlitePath => Kind == StoreKind.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>
    /// From the typed options: a relative SQLite path lies in the data directory (<see cref="SqliteLocation"/>);
    /// PostgreSQL needs <c>Backend:Store:Postgres</c>.
    /// </summary>
    public static StoreDatabase FromOptions(StoreOptions store, IConfiguration configuration, string contentRoot) => store.Kind switch
    {
        StoreKind.Sqlite => Sqlite(SqliteLocation.Resolve(store.Sqlite, configuration, contentRoot), store.SqliteTuning),
        StoreKind.Postgres => new StoreDatabase(StoreKind.Postgres, store.Postgres is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException("Backend:Store:Kind is Postgres but Backend:Store:Postgres (the connection string) is not set.")),
        _ => throw new InvalidOperationException($"Backend:Store:Kind is '{store.Kind}': it must be Sqlite or Postgres."),
    };

    public static StoreDatabase Sqlite(string path, SqliteTuning? tuning = null) =>
        new(StoreKind.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), DefaultTimeout = 30 }.ToString(), tuning);

    public static StoreDatabase Postgres(string connectionString) => new(StoreKind.Postgres, connectionString);

    /// <summary>A data source handing out a connection per use: the read side never shares an ingest worker's connection.</summary>
    public DbDataSource CreateDataSource() => Kind == StoreKind.Sqlite
        ? SqliteFactory.Instance.CreateDataSource(ConnectionString)
        : NpgsqlDataSource.Create(ConnectionString);

    /// <summary>A new ingest store with its own connection (each ingest worker owns one).</summary>
    public ITransactionStore CreateTransactionStore() => Kind == StoreKind.Sqlite
        ? new SqliteTransactionStore(SqlitePath!, SqliteTuning)
        : new PostgresTransactionStore(ConnectionString);
}
