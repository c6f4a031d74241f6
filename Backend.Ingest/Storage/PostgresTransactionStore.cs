using System.Data.Common;
using Backend.Ingest.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace Backend.Ingest.Storage;

/// <summary>
/// Production: PostgreSQL through Npgsql. A group goes out as ONE <see cref="NpgsqlBatch"/> (one round trip):
/// per batch one statement that inserts all its rows from arrays (<c>unnest</c>, so the statement text never
/// changes and Npgsql prepares it once) into the month partitions of <c>transactions</c> and posts the ledger
/// transfers of exactly the rows that were new (those whose key the insert into <c>transaction_keys</c>
/// returned), then one upsert of the terminals' high-water marks.
/// </summary>
public sealed class PostgresTransactionStore(string connectionString) : SqlTransactionStore(() => new NpgsqlConnection(Tuned(connectionString)))
{
    private const string Columns =
        "terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at";

    // A record's key goes into transaction_keys first (unique across every month partition of transactions:
    // schema 0011); only the records whose key was new are stored, and only those post, so a record already stored
    // (a redelivered batch) stores and posts nothing. A key cannot repeat inside one batch: BatchCodec refuses a
    // batch whose sequences do not rise. The statement answers how many rows were new.
    private const string InsertRowsAndPost = $"""
        with batch as (
            select * from unnest($1::bigint[], $2::bigint[], $3::integer[], $4::bigint[], $5::integer[], $6::text[],
                                 $7::bigint[], $8::bigint[], $9::integer[], $10::integer[], $11::bytea[])
                 as u(t, s, k, r, a, c, tk, ac, b, rt, rec)),
        fresh as (
            insert into transaction_keys (terminal_id, sequence)
            select t, s from batch
            on conflict do nothing
            returning terminal_id, sequence),
        stored as (
            insert into transactions ({Columns})
            select t, s, k, r, a, c, tk, ac, b, rt, rec, $12
            from batch join fresh on fresh.terminal_id = batch.t and fresh.sequence = batch.s
            returning terminal_id, sequence),
        posted as (
            insert into ledger_transfers (kind, debit_account, credit_account, amount, source_terminal, source_sequence, leg, occurred_at, posted_at)
            select p.kind, p.debit, p.credit, p.amount, p.t, p.s, 0, p.occurred, $12
            from unnest($13::bigint[], $14::bigint[], $15::text[], $16::text[], $17::text[], $18::bigint[], $19::bigint[])
                 as p(t, s, kind, debit, credit, amount, occurred)
            join stored on stored.terminal_id = p.t and stored.sequence = p.s
            on conflict (source_terminal, source_sequence, leg) where source_terminal is not null do nothing)
        select count(*) from stored
        """;

    private const string UpsertTerminals = """
        insert into terminals (terminal_id, high_water, last_batch_at)
        select t, h, $3 from unnest($1::bigint[], $2::bigint[]) as u(t, h)
        on conflict (terminal_id) do update
            set high_water = greatest(terminals.high_water, excluded.high_water), last_batch_at = excluded.last_batch_at
        """;

    protected override async Task<int[]> InsertGroupAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<TransactionRow[]> batches,
        IReadOnlyList<TerminalHighWater> highWaters, long receivedAt, CancellationToken cancellation)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        foreach (var rows in batches)
        {
            batch.BatchCommands.Add(InsertAndPostCommand(rows, receivedAt));
        }

        var upsert = new NpgsqlBatchCommand(UpsertTerminals);
        upsert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = highWaters.Select(h => (long)h.TerminalId).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = highWaters.Select(h => (long)h.HighWater).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = receivedAt });
        batch.BatchCommands.Add(upsert);

        var inserted = new int[batches.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        for (var i = 0; i < inserted.Length; i++)
        {
            await reader.ReadAsync(cancellation);
            inserted[i] = (int)reader.GetInt64(0);
            await reader.NextResultAsync(cancellation);
        }

        return inserted;
    }

    protected override async Task BulkInsertAsync(DbConnection connection, IReadOnlyList<TransactionRow> rows, CancellationToken cancellation)
    {
        await using (var import = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
            $"copy transactions ({Columns}) from stdin (format binary)", cancellation))
        {
            foreach (var row in rows)
            {
                await import.StartRowAsync(cancellation);
                await import.WriteAsync((long)row.TerminalId, NpgsqlDbType.Bigint, cancellation);
                await import.WriteAsync((long)row.Sequence, NpgsqlDbType.Bigint, cancellation);
                await import.WriteAsync((int)row.Kind, NpgsqlDbType.Integer, cancellation);
                await import.WriteAsync((long)row.RecordedAt, NpgsqlDbType.Bigint, cancellation);
                await import.WriteAsync(row.Amount, NpgsqlDbType.Integer, cancellation);
                await import.WriteAsync(row.CardUid, NpgsqlDbType.Text, cancellation);
                await import.WriteAsync(row.TokenId, NpgsqlDbType.Bigint, cancellation);
                await import.WriteAsync(row.AccountId, NpgsqlDbType.Bigint, cancellation);
                await import.WriteAsync(row.BalanceAfter, NpgsqlDbType.Integer, cancellation);
                await import.WriteAsync(row.RouteId, NpgsqlDbType.Integer, cancellation);
                await import.WriteAsync(row.Record, NpgsqlDbType.Bytea, cancellation);
                await import.WriteAsync(row.ReceivedAt, NpgsqlDbType.Bigint, cancellation);
            }

            await import.CompleteAsync(cancellation);
        }

        await using var keys = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
            "copy transaction_keys (terminal_id, sequence) from stdin (format binary)", cancellation);
        foreach (var row in rows)
        {
            await keys.StartRowAsync(cancellation);
            await keys.WriteAsync((long)row.TerminalId, NpgsqlDbType.Bigint, cancellation);
            await keys.WriteAsync((long)row.Sequence, NpgsqlDbType.Bigint, cancellation);
        }

        await keys.CompleteAsync(cancellation);
    }

    private static NpgsqlBatchCommand InsertAndPostCommand(TransactionRow[] rows, long receivedAt)
    {
        var command = new NpgsqlBatchCommand(InsertRowsAndPost);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => (long)r.TerminalId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => (long)r.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Select(r => (int)r.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => (long)r.RecordedAt).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Select(r => r.Amount).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = rows.Select(r => r.CardUid).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = rows.Select(r => r.TokenId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = rows.Select(r => r.AccountId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = rows.Select(r => r.BalanceAfter).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Select(r => r.RouteId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = rows.Select(r => r.Record).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = receivedAt });

        var posted = rows.Select(r => (Row: r, Posting: LedgerPostingRules.For(r))).Where(p => p.Posting is not null).ToArray();
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = posted.Select(p => (long)p.Row.TerminalId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = posted.Select(p => (long)p.Row.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = posted.Select(p => p.Posting!.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = posted.Select(p => p.Posting!.DebitAccount).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = posted.Select(p => p.Posting!.CreditAccount).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = posted.Select(p => p.Posting!.Amount).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = posted.Select(p => LedgerPostingRules.OccurredAt(p.Row)).ToArray() });
        return command;
    }

    /// <summary>
    /// No pool: after a failure the store opens a genuinely new connection. Auto-prepare: the group's two
    /// statements are parsed and planned once per connection.
    /// </summary>
    private static string Tuned(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, MaxAutoPrepare = 8, AutoPrepareMinUsages = 2 }.ToString();
}
