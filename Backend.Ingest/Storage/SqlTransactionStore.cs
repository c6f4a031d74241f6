using System.Data.Common;
using Backend.Ingest.Loads;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Storage;

/// <summary>
/// The store over ADO.NET, shared by SQLite (embedded default) and PostgreSQL (production): one connection
/// reopened after any failure, and group commit. The dialects supply their column type for the raw record and
/// their fastest way to insert a group and a bulk load. A store serves one ingest worker, one call at a time.
/// </summary>
public abstract class SqlTransactionStore(Func<DbConnection> connect) : ITransactionStore
{
    private DbConnection? _connection;

    public async Task<StoredBatch> StoreAsync(BatchHeader header, byte[] payload, int offset, CancellationToken cancellation = default) =>
        (await StoreGroupAsync([BatchToStore.From(header, payload, offset)], cancellation))[0];

    public Task<IReadOnlyList<StoredBatch>> StoreGroupAsync(IReadOnlyList<BatchToStore> batches, CancellationToken cancellation = default)
    {
        var receivedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // One lock order for every worker (terminal, then sequence; then the terminals' rows by id), so two
        // workers committing overlapping groups wait for each other instead of deadlocking.
        var order = Enumerable.Range(0, batches.Count)
            .OrderBy(i => batches[i].TerminalId).ThenBy(i => batches[i].LastSequence).ToArray();
        var rows = order.Select(i => TransactionRow.FromBatch(batches[i], receivedAt)).ToArray();
        var highWaters = batches.GroupBy(b => b.TerminalId)
            .Select(g => new TerminalHighWater(g.Key, g.Max(b => b.LastSequence)))
            .OrderBy(h => h.TerminalId).ToArray();

        return WithConnectionAsync<IReadOnlyList<StoredBatch>>(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            var inserted = await InsertGroupAsync(connection, transaction, rows, highWaters, receivedAt, cancellation);
            await PendingLoadSettlement.ApplyAsync(connection, transaction, rows.SelectMany(r => r), cancellation);
            await transaction.CommitAsync(cancellation);

            var results = new StoredBatch[batches.Count];
            for (var k = 0; k < order.Length; k++)
            {
                var batch = batches[order[k]];
                results[order[k]] = new StoredBatch(batch.TerminalId, inserted[k], batch.Count - inserted[k], batch.LastSequence);
            }

            return results;
        }, cancellation);
    }

    public Task BulkInsertAsync(IReadOnlyList<TransactionRow> rows, CancellationToken cancellation = default) =>
        WithConnectionAsync(async connection =>
        {
            await BulkInsertAsync(connection, rows, cancellation);
            return 0;
        }, cancellation);

    public Task<long> CountAsync(uint terminalId, CancellationToken cancellation = default) =>
        ScalarAsync("select count(*) from transactions where terminal_id = @terminal", terminalId, cancellation);

    public Task<long> CountAllAsync(CancellationToken cancellation = default) =>
        ScalarAsync("select count(*) from transactions", null, cancellation);

    public Task<long> HighWaterAsync(uint terminalId, CancellationToken cancellation = default) =>
        ScalarAsync("select coalesce(max(high_water), 0) from terminals where terminal_id = @terminal", terminalId, cancellation);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>Settings a fresh connection needs before the first statement (e.g. SQLite's journal mode).</summary>
    protected virtual Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>
    /// Inserts or ignores every batch's rows (<paramref name="batches"/>, in lock order) and raises the terminals'
    /// high-water marks, inside <paramref name="transaction"/>; returns how many rows of each batch were new.
    /// </summary>
    protected abstract Task<int[]> InsertGroupAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<TransactionRow[]> batches,
        IReadOnlyList<TerminalHighWater> highWaters, long receivedAt, CancellationToken cancellation);

    protected abstract Task BulkInsertAsync(DbConnection connection, IReadOnlyList<TransactionRow> rows, CancellationToken cancellation);

    protected static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private Task<long> ScalarAsync(string sql, uint? terminalId, CancellationToken cancellation) =>
        WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (terminalId is { } id)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "terminal";
                parameter.Value = (long)id;
                command.Parameters.Add(parameter);
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
        }, cancellation);

    /// <summary>Runs <paramref name="work"/> on the open connection; any failure closes it, so the next call reconnects.</summary>
    private async Task<T> WithConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellation)
    {
        try
        {
            if (_connection is null)
            {
                _connection = connect();
                await _connection.OpenAsync(cancellation);
                await PrepareConnectionAsync(_connection, cancellation);
            }

            return await work(_connection);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }
}
