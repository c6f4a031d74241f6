using System.Data.Common;
using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Reconciliation;

/// <summary>The reads of a pass: the new records of every terminal past its cursor, then the facts the rules compare them with.</summary>
public sealed class ReconciliationReader(DbDataSource dataSource, StoreDatabase database)
{
    /// <summary>
    /// One statement, so one snapshot: each terminal's high-water mark and its records up to it. A terminal's
    /// records commit in sequence order (it has one batch in flight, acked after the commit), so every record up
    /// to the mark read here is visible, however many ingest workers commit concurrently for other terminals.
    /// </summary>
    private const string NewRecords = """
        select t.terminal_id, t.sequence, t.record, h.high_water, coalesce(c.examined_through, 0)
        from terminals h
        left join reconciliation_cursors c on c.terminal_id = h.terminal_id
        join transactions t on t.terminal_id = h.terminal_id and t.sequence > coalesce(c.examined_through, 0) and t.sequence <= h.high_water
        where h.high_water > coalesce(c.examined_through, 0)
        order by t.terminal_id, t.sequence
        limit @limit
        """;

    public async Task<ExaminationWindow> ReadNewAsync(int limit, CancellationToken cancellation)
    {
        var records = new List<PassengerRecord>();
        var marks = new List<(uint Terminal, long From, long HighWater, long Last)>();
        var rows = 0;
        var scratch = new TxRecord();
        await using (var command = dataSource.CreateCommand(NewRecords))
        {
            command.With("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                rows++;
                var terminal = (uint)reader.GetInt64(0);
                var sequence = reader.GetInt64(1);
                if (marks.Count == 0 || marks[^1].Terminal != terminal)
                {
                    marks.Add((terminal, reader.GetInt64(4), reader.GetInt64(3), sequence));
                }
                else
                {
                    marks[^1] = marks[^1] with { Last = sequence };
                }

                if (PassengerRecord.Decode(terminal, (byte[])reader.GetValue(2), scratch) is { } record)
                {
                    records.Add(record);
                }
            }
        }

        // A full window may have stopped inside the last terminal's records: that cursor moves only as far as was read.
        var moves = marks.Select((m, i) => new CursorMove(m.Terminal, m.From, rows == limit && i == marks.Count - 1 ? m.Last : m.HighWater)).ToList();
        return new ExaminationWindow(records, moves);
    }

    public async Task<PassFacts> ReadFactsAsync(IReadOnlyList<PassengerRecord> records, CancellationToken cancellation)
    {
        var facts = new PassFacts();
        var uids = records.Where(r => r.CardUid is not null && r.IsCardWrite).Select(r => r.CardUid!).Distinct().ToList();
        var accounts = records.Where(r => r.Kind == TxKind.QrAccepted).Select(r => r.AccountId).Distinct().ToList();
        if (uids.Count > 0)
        {
            await ReadHistoriesAsync(uids, facts, cancellation);
            await ReadRegistryAsync(uids, facts, cancellation);
            await ReadCardTransfersAsync(uids, facts, cancellation);
        }

        if (accounts.Count > 0)
        {
            await ReadAccountsAsync(accounts, facts, cancellation);
        }

        return facts;
    }

    private async Task ReadHistoriesAsync(List<string> uids, PassFacts facts, CancellationToken cancellation)
    {
        var scratch = new TxRecord();
        await using var command = InList(
            $"select terminal_id, record from transactions where kind in ({(int)TxKind.CardTapAccepted}, {(int)TxKind.TopUp}, {(int)TxKind.LoadApplied}, {(int)TxKind.CardWriteAbandoned}) and card_uid in ({{0}})",
            uids);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            if (PassengerRecord.Decode(reader.GetInt64(0), (byte[])reader.GetValue(1), scratch) is { CardUid: { } uid } record)
            {
                (facts.CardHistories.TryGetValue(uid, out var history) ? history : facts.CardHistories[uid] = []).Add(record);
            }
        }
    }

    private async Task ReadRegistryAsync(List<string> uids, PassFacts facts, CancellationToken cancellation)
    {
        await using var command = InList("select uid, status, status_changed_at from cards where uid in ({0})", uids);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            facts.Registry[reader.GetString(0)] = new RegisteredCard(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }

    private async Task ReadCardTransfersAsync(List<string> uids, PassFacts facts, CancellationToken cancellation)
    {
        var codes = uids.Select(uid => $"card:{uid}").ToList();
        await using var command = InList("""
            select kind, debit_account, credit_account, amount, source_terminal, source_sequence, occurred_at
            from ledger_transfers where debit_account in ({0}) or credit_account in ({0})
            """, codes);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var debit = reader.GetString(1);
            var credit = reader.GetString(2);
            var transfer = new CardTransfer(
                reader.GetString(0), credit.StartsWith("card:", StringComparison.Ordinal), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : (uint)reader.GetInt64(4), reader.IsDBNull(5) ? null : (uint)reader.GetInt64(5), reader.GetInt64(6));
            var uid = (transfer.IsCredit ? credit : debit)["card:".Length..];
            (facts.CardTransfers.TryGetValue(uid, out var list) ? list : facts.CardTransfers[uid] = []).Add(transfer);
        }
    }

    private async Task ReadAccountsAsync(List<uint> accounts, PassFacts facts, CancellationToken cancellation)
    {
        var codes = accounts.Select(id => $"account:{id}").ToList();
        await using var command = InList("""
            select account, sum(credit), sum(debit) from (
                select credit_account as account, amount as credit, 0 as debit from ledger_transfers where credit_account in ({0})
                union all
                select debit_account, 0, amount from ledger_transfers where debit_account in ({0})) moves
            group by account
            """, codes);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var id = uint.Parse(reader.GetString(0)["account:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            facts.Accounts[id] = new AccountLedger(id, Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)));
        }
    }

    /// <summary>
    /// A statement whose <c>{0}</c> is the rows of one list parameter: a JSON array on SQLite, a text array on
    /// PostgreSQL (one parameter, whatever the count: thousands of named parameters bind slowly).
    /// </summary>
    private DbCommand InList(string sql, IReadOnlyList<string> values)
    {
        var rows = database.Kind == StoreKind.Sqlite ? "select value from json_each(@list)" : "select unnest(@list)";
        var command = dataSource.CreateCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, rows));
        command.With("list", database.Kind == StoreKind.Sqlite ? JsonSerializer.Serialize(values) : values.ToArray());
        return command;
    }
}
