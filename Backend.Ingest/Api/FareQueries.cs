using System.Data.Common;
using System.Text;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Api;

/// <summary>
/// Read queries over the tables the ingest store writes (<c>transactions</c>, one row per journal record with its
/// fields spread into columns; <c>terminals</c>, each terminal's high-water mark and last batch time). One SQL text
/// serves SQLite and PostgreSQL; each query borrows its own connection.
/// </summary>
internal sealed class FareQueries(DbDataSource dataSource)
{
    private const string TransactionColumns =
        "terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, received_at";

    /// <summary>Newest arrivals first: the order the received_at index serves without sorting the table.</summary>
    public async Task<IReadOnlyList<TransactionView>> LatestAsync(TransactionFilter filter, CancellationToken cancellation)
    {
        var sql = new StringBuilder($"select {TransactionColumns} from transactions where 1 = 1");
        await using var command = dataSource.CreateCommand();
        if (filter.TerminalId is { } terminal)
        {
            sql.Append(" and terminal_id = @terminal");
            command.With("terminal", (long)terminal);
        }

        if (filter.CardUid is { } card)
        {
            sql.Append(" and card_uid = @card");
            command.With("card", card);
        }

        if (filter.ReceivedSince is { } since)
        {
            sql.Append(" and received_at >= @since");
            command.With("since", since.ToUnixTimeMilliseconds());
        }

        sql.Append(" order by received_at desc, terminal_id desc, sequence desc limit @limit");
        command.With("limit", filter.Limit);
        command.CommandText = sql.ToString();
        return await ReadTransactionsAsync(command, cancellation);
    }

    /// <summary>An account's QR records across every terminal, newest first by the terminals' clocks.</summary>
    public Task<IReadOnlyList<TransactionView>> AccountHistoryAsync(long accountId, int limit, CancellationToken cancellation) =>
        HistoryAsync("account_id", accountId, limit, cancellation);

    /// <summary>A card's records across every terminal, newest first by the terminals' clocks.</summary>
    public Task<IReadOnlyList<TransactionView>> CardHistoryAsync(string cardUid, int limit, CancellationToken cancellation) =>
        HistoryAsync("card_uid", cardUid, limit, cancellation);

    /// <summary>The records whose <paramref name="column"/> (a constant of this class's callers) holds <paramref name="value"/>.</summary>
    private async Task<IReadOnlyList<TransactionView>> HistoryAsync(string column, object value, int limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select {TransactionColumns} from transactions where {column} = @value
            order by recorded_at desc, received_at desc, terminal_id desc, sequence desc limit @limit
            """);
        command.With("value", value).With("limit", limit);
        return await ReadTransactionsAsync(command, cancellation);
    }

    public async Task<DailySummary> SummaryAsync(DateOnly day, CancellationToken cancellation)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        await using var command = dataSource.CreateCommand("""
            select kind, count(*), coalesce(sum(amount), 0) from transactions
            where recorded_at >= @from and recorded_at < @to group by kind order by kind
            """);
        command.With("from", from).With("to", from + 86_400);
        var totals = new List<KindTotal>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var amount = reader.GetInt64(2);
                totals.Add(new KindTotal(KindName(reader.GetInt32(0)), reader.GetInt64(1), amount, MinorUnits.Format(amount)));
            }
        }

        return new DailySummary(day, totals.Sum(total => total.Count), totals);
    }

    /// <summary>Every terminal the ingest store has taken a batch from: its high-water mark and last batch time.</summary>
    public async Task<IReadOnlyDictionary<uint, TerminalProgress>> ProgressAsync(uint? terminalId, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand();
        command.CommandText = "select terminal_id, high_water, last_batch_at from terminals"
            + (terminalId is null ? "" : " where terminal_id = @terminal");
        if (terminalId is { } id)
        {
            command.With("terminal", (long)id);
        }

        var progress = new Dictionary<uint, TerminalProgress>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var terminal = (uint)reader.GetInt64(0);
            progress[terminal] = new TerminalProgress(reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        }

        return progress;
    }

    private static async Task<IReadOnlyList<TransactionView>> ReadTransactionsAsync(DbCommand command, CancellationToken cancellation)
    {
        var rows = new List<TransactionView>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var amount = reader.GetInt32(4);
            int? balance = reader.IsDBNull(8) ? null : reader.GetInt32(8);
            long? token = reader.IsDBNull(6) ? null : reader.GetInt64(6);
            rows.Add(new TransactionView(
                TerminalId: (uint)reader.GetInt64(0),
                Sequence: reader.GetInt64(1),
                Kind: KindName(reader.GetInt32(2)),
                RecordedAt: DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(3)),
                ReceivedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                Amount: amount,
                AmountText: MinorUnits.Format(amount),
                CardUid: reader.IsDBNull(5) ? null : reader.GetString(5),
                QrAccountId: reader.IsDBNull(7) ? null : reader.GetInt64(7),
                // The store keeps the unsigned 64-bit token id in a signed bigint, bit for bit.
                QrTokenId: token is { } id ? unchecked((ulong)id).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                BalanceAfter: balance,
                BalanceAfterText: balance is { } value ? MinorUnits.Format(value) : null,
                RouteId: reader.GetInt32(9)));
        }

        return rows;
    }

    private static string KindName(int kind) =>
        Enum.IsDefined((TxKind)kind) ? ((TxKind)kind).ToString() : $"Kind{kind}";
}
