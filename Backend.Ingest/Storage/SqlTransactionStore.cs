using System.Data.Common;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Storage;

/// <summary>
/// The store over ADO.NET: the two dialects differ only in their connection, their binary column type and their
/// "insert or ignore" spelling, so one implementation serves SQLite (embedded default) and PostgreSQL (production).
/// It holds one connection: a store serves one ingest worker, one batch at a time.
/// </summary>
public abstract class SqlTransactionStore(DbConnection connection) : ITransactionStore
{
    protected abstract string BinaryType { get; }

    protected abstract string InsertOrIgnoreTransaction { get; }

    protected abstract string UpsertTerminal { get; }

    public async Task InitializeAsync(CancellationToken cancellation = default)
    {
        await connection.OpenAsync(cancellation);
        await ExecuteAsync($"""
            create table if not exists transactions (
                terminal_id bigint not null,
                sequence bigint not null,
                kind integer not null,
                recorded_at bigint not null,
                amount integer not null,
                record {BinaryType} not null,
                primary key (terminal_id, sequence));
            create table if not exists terminals (
                terminal_id bigint primary key,
                high_water bigint not null);
            """, cancellation);
    }

    public async Task<StoredBatch> StoreAsync(BatchHeader header, byte[] payload, int offset, CancellationToken cancellation = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var inserted = 0;
        await using (var insert = Command(InsertOrIgnoreTransaction, transaction))
        {
            var terminal = Parameter(insert, "terminal");
            var sequence = Parameter(insert, "sequence");
            var kind = Parameter(insert, "kind");
            var recordedAt = Parameter(insert, "recorded_at");
            var amount = Parameter(insert, "amount");
            var record = Parameter(insert, "record");
            var decoded = new TxRecord();
            for (var i = 0; i < header.Count; i++)
            {
                var at = BatchCodec.RecordOffset(offset, i);
                TxRecordCodec.Decode(payload, at, decoded);
                terminal.Value = (long)header.TerminalId;
                sequence.Value = (long)decoded.Sequence;
                kind.Value = (int)decoded.Kind;
                recordedAt.Value = (long)decoded.Timestamp;
                amount.Value = decoded.Amount;
                record.Value = payload[at..(at + TxRecordCodec.Size)];
                inserted += await insert.ExecuteNonQueryAsync(cancellation);
            }
        }

        await using (var upsert = Command(UpsertTerminal, transaction))
        {
            Parameter(upsert, "terminal").Value = (long)header.TerminalId;
            Parameter(upsert, "high_water").Value = (long)header.LastSequence;
            await upsert.ExecuteNonQueryAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
        return new StoredBatch(header.TerminalId, inserted, header.Count - inserted, header.LastSequence);
    }

    public async Task<long> CountAsync(uint terminalId, CancellationToken cancellation = default) =>
        await ScalarAsync("select count(*) from transactions where terminal_id = @terminal", terminalId, cancellation);

    public async Task<long> HighWaterAsync(uint terminalId, CancellationToken cancellation = default) =>
        await ScalarAsync("select coalesce(max(high_water), 0) from terminals where terminal_id = @terminal", terminalId, cancellation);

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private async Task<long> ScalarAsync(string sql, uint terminalId, CancellationToken cancellation)
    {
        await using var command = Command(sql, null);
        Parameter(command, "terminal").Value = (long)terminalId;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellation)
    {
        await using var command = Command(sql, null);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private DbCommand Command(string sql, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
