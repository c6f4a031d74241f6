using Microsoft.Data.Sqlite;

namespace Backend.Ingest.Storage;

/// <summary>The embedded default: one SQLite file.</summary>
public sealed class SqliteTransactionStore(string path) : SqlTransactionStore(new SqliteConnection(
    new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString()))
{
    protected override string BinaryType => "blob";

    protected override string InsertOrIgnoreTransaction =>
        "insert or ignore into transactions (terminal_id, sequence, kind, recorded_at, amount, record) values (@terminal, @sequence, @kind, @recorded_at, @amount, @record)";

    protected override string UpsertTerminal =>
        "insert into terminals (terminal_id, high_water) values (@terminal, @high_water) on conflict (terminal_id) do update set high_water = max(high_water, excluded.high_water)";
}
