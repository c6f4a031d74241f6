using Npgsql;

namespace Backend.Ingest.Storage;

/// <summary>Production: PostgreSQL through Npgsql.</summary>
public sealed class PostgresTransactionStore(string connectionString) : SqlTransactionStore(new NpgsqlConnection(connectionString))
{
    protected override string BinaryType => "bytea";

    protected override string InsertOrIgnoreTransaction =>
        "insert into transactions (terminal_id, sequence, kind, recorded_at, amount, record) values (@terminal, @sequence, @kind, @recorded_at, @amount, @record) on conflict do nothing";

    protected override string UpsertTerminal =>
        "insert into terminals (terminal_id, high_water) values (@terminal, @high_water) on conflict (terminal_id) do update set high_water = greatest(terminals.high_water, excluded.high_water)";
}
