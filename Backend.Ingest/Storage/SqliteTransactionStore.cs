using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Backend.Ingest.Storage;

/// <summary>
/// The embedded default: one SQLite file, in write-ahead-log mode with full sync, so a commit is durable before
/// its ack. In-process, so a prepared statement executed once per row costs no round trips.
/// </summary>
public sealed class SqliteTransactionStore(string path) : SqlTransactionStore(() => Connect(path))
{
    private const string Columns =
        "terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at";

    private const string Values =
        "@terminal, @sequence, @kind, @recorded_at, @amount, @card_uid, @token_id, @account_id, @balance_after, @route_id, @record, @received_at";

    protected override async Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellation) =>
        await ExecuteAsync(connection, "pragma journal_mode = wal; pragma synchronous = full;", cancellation);

    protected override async Task<int[]> InsertGroupAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<TransactionRow[]> batches,
        IReadOnlyList<TerminalHighWater> highWaters, long receivedAt, CancellationToken cancellation)
    {
        var inserted = new int[batches.Count];
        await using (var insert = new RowInsert((SqliteConnection)connection, (SqliteTransaction)transaction, $"insert or ignore into transactions ({Columns}) values ({Values})"))
        {
            for (var b = 0; b < batches.Count; b++)
            {
                foreach (var row in batches[b])
                {
                    inserted[b] += await insert.ExecuteAsync(row, cancellation);
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
}
