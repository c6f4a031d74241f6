using System.Data.Common;
using Backend.Ingest.Hosting;
using Backend.Ingest.Ledger;
using Microsoft.Data.Sqlite;

namespace Backend.Ingest.Storage;

/// <summary>
/// The embedded default: one SQLite file, in write-ahead-log mode with full sync, so a commit is durable before
/// its ack. In-process, so a prepared statement executed once per row costs no round trips: each row that was
/// new (its insert changed one row) posts its ledger transfer right after it, in the same transaction. The
/// connection lives as long as the store, so its page cache and memory map (<see cref="SqliteTuning"/>) keep the hot
/// index pages of a city-sized file between groups.
/// </summary>
public sealed class SqliteTransactionStore(string path, SqliteTuning? tuning = null) : SqlTransactionStore(() => Connect(path))
{
    private const string Columns =
        "terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at";

    private const string Values =
        "@terminal, @sequence, @kind, @recorded_at, @amount, @card_uid, @token_id, @account_id, @balance_after, @route_id, @record, @received_at";

    protected override async Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellation) =>
        await ExecuteAsync(connection, "pragma journal_mode = wal; pragma synchronous = full; " + (tuning ?? new SqliteTuning()).Pragmas, cancellation);

    protected override async Task<int[]> InsertGroupAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<TransactionRow[]> batches,
        IReadOnlyList<TerminalHighWater> highWaters, long receivedAt, CancellationToken cancellation)
    {
        var inserted = new int[batches.Count];
        await using (var insert = new RowInsert((SqliteConnection)connection, (SqliteTransaction)transaction, $"insert or ignore into transactions ({Columns}) values ({Values})"))
        await using (var post = new PostingInsert((SqliteConnection)connection, (SqliteTransaction)transaction, receivedAt))
        {
            for (var b = 0; b < batches.Count; b++)
            {
                foreach (var row in batches[b])
                {
                    if (await insert.ExecuteAsync(row, cancellation) == 1)
                    {
                        inserted[b]++;
                        if (LedgerPostingRules.For(row) is { } posting)
                        {
                            await post.ExecuteAsync(row, posting, cancellation);
                        }
                    }
                }
            }
        }

        await using var upsert = ((SqliteConnection)connection).CreateCommand();
        upsert.Transaction = (SqliteTransaction)transaction;
        upsert.CommandText = """
            insert into terminals (terminal_id, high_water, last_batch_at) values (@terminal, @high_water, @at)
            on conflict (terminal_id) do update set high_water = max(high_water, excluded.high_water), last_batch_at = excluded.last_batch_at
            """;
        var terminal = upsert.Parameters.Add("@terminal", SqliteType.Integer);
        var highWater = upsert.Parameters.Add("@high_water", SqliteType.Integer);
        upsert.Parameters.AddWithValue("@at", receivedAt);
        foreach (var mark in highWaters)
        {
            terminal.Value = (long)mark.TerminalId;
            highWater.Value = (long)mark.HighWater;
            await upsert.ExecuteNonQueryAsync(cancellation);
        }

        return inserted;
    }

    protected override async Task BulkInsertAsync(DbConnection connection, IReadOnlyList<TransactionRow> rows, CancellationToken cancellation)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellation);
        await using (var insert = new RowInsert((SqliteConnection)connection, transaction, $"insert into transactions ({Columns}) values ({Values})"))
        {
            foreach (var row in rows)
            {
                await insert.ExecuteAsync(row, cancellation);
            }
        }

        await transaction.CommitAsync(cancellation);
    }

    private static SqliteConnection Connect(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, DefaultTimeout = 30 }.ToString());
    }

    /// <summary>One prepared insert of a <see cref="TransactionRow"/>, executed once per row.</summary>
    private sealed class RowInsert : IAsyncDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;

        public RowInsert(SqliteConnection connection, SqliteTransaction transaction, string sql)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            _parameters = Values.Split(", ").Select(name => _command.Parameters.Add(name, name switch
            {
                "@card_uid" => SqliteType.Text,
                "@record" => SqliteType.Blob,
                _ => SqliteType.Integer,
            })).ToArray();
            _command.Prepare();
        }

        /// <summary>Binds the row in the order of <see cref="Values"/>.</summary>
        public Task<int> ExecuteAsync(TransactionRow row, CancellationToken cancellation)
        {
            _parameters[0].Value = (long)row.TerminalId;
            _parameters[1].Value = (long)row.Sequence;
            _parameters[2].Value = (int)row.Kind;
            _parameters[3].Value = (long)row.RecordedAt;
            _parameters[4].Value = row.Amount;
            _parameters[5].Value = (object?)row.CardUid ?? DBNull.Value;
            _parameters[6].Value = (object?)row.TokenId ?? DBNull.Value;
            _parameters[7].Value = (object?)row.AccountId ?? DBNull.Value;
            _parameters[8].Value = (object?)row.BalanceAfter ?? DBNull.Value;
            _parameters[9].Value = row.RouteId;
            _parameters[10].Value = row.Record;
            _parameters[11].Value = row.ReceivedAt;
            return _command.ExecuteNonQueryAsync(cancellation);
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }

    /// <summary>
    /// One prepared insert of a record's ledger transfer (leg 0 of its terminal and sequence). The unique index
    /// ledger_transfers_record ignores a second posting of one record, should its row ever be stored anew.
    /// </summary>
    private sealed class PostingInsert : IAsyncDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _kind, _debit, _credit, _amount, _terminal, _sequence, _occurredAt;

        public PostingInsert(SqliteConnection connection, SqliteTransaction transaction, long postedAt)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = """
                insert into ledger_transfers (kind, debit_account, credit_account, amount, source_terminal, source_sequence, leg, occurred_at, posted_at)
                values (@kind, @debit, @credit, @amount, @terminal, @sequence, 0, @occurred_at, @posted_at)
                on conflict (source_terminal, source_sequence, leg) where source_terminal is not null do nothing
                """;
            _kind = _command.Parameters.Add("@kind", SqliteType.Text);
            _debit = _command.Parameters.Add("@debit", SqliteType.Text);
            _credit = _command.Parameters.Add("@credit", SqliteType.Text);
            _amount = _command.Parameters.Add("@amount", SqliteType.Integer);
            _terminal = _command.Parameters.Add("@terminal", SqliteType.Integer);
            _sequence = _command.Parameters.Add("@sequence", SqliteType.Integer);
            _occurredAt = _command.Parameters.Add("@occurred_at", SqliteType.Integer);
            _command.Parameters.AddWithValue("@posted_at", postedAt);
            _command.Prepare();
        }

        public Task<int> ExecuteAsync(TransactionRow row, LedgerPosting posting, CancellationToken cancellation)
        {
            _kind.Value = posting.Kind;
            _debit.Value = posting.DebitAccount;
            _credit.Value = posting.CreditAccount;
            _amount.Value = posting.Amount;
            _terminal.Value = (long)row.TerminalId;
            _sequence.Value = (long)row.Sequence;
            _occurredAt.Value = LedgerPostingRules.OccurredAt(row);
            return _command.ExecuteNonQueryAsync(cancellation);
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }
}
