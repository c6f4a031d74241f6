using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Storage;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Loads;

/// <summary>
/// What load records do to <c>pending_loads</c>, in the ingest group commit (the ledger side is
/// <c>LedgerPostingRules</c>): a <see cref="TxKind.LoadApplied"/> marks its load applied by that terminal and
/// sequence, so the next list version withdraws it; one for a load no longer pending (withdrawn or expired while a bus
/// still held it) is kept in <c>pending_load_late_applications</c> for an operator, since the card has the value. A
/// <see cref="TxKind.LoadAbandoned"/> (the write found not on the card) puts its load back to pending. Every statement
/// is conditional, so a batch stored twice changes nothing the second time.
/// </summary>
public static class PendingLoadSettlement
{
    public static bool Concerns(TransactionRow row) => row.Kind is TxKind.LoadApplied or TxKind.LoadAbandoned && row.CardUid is not null;

    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, IEnumerable<TransactionRow> rows, CancellationToken cancellation)
    {
        var scratch = new TxRecord();
        foreach (var row in rows.Where(Concerns))
        {
            if (TxRecordCodec.Decode(row.Record, 0, scratch) != RecordStatus.Ok)
            {
                continue;
            }

            var load = await FindAsync(connection, transaction, row.CardUid!, scratch.LoadNumber, cancellation);
            if (load is null)
            {
                continue;
            }

            if (row.Kind == TxKind.LoadApplied)
            {
                await ApplyAsync(connection, transaction, row, load.Value, cancellation);
            }
            else
            {
                await ReopenAsync(connection, transaction, row, load.Value.LoadId, cancellation);
            }
        }
    }

    private static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, TransactionRow row, (long LoadId, string Status) load, CancellationToken cancellation)
    {
        await using var mark = Command(connection, transaction, """
            update pending_loads set status = 'applied', applied_at = @at, applied_terminal = @terminal, applied_sequence = @sequence
            where load_id = @load and status = 'pending'
            """);
        mark.With("at", row.RecordedAt * 1000L).With("terminal", (long)row.TerminalId).With("sequence", (long)row.Sequence).With("load", load.LoadId);
        if (await mark.ExecuteNonQueryAsync(cancellation) == 1)
        {
            return;
        }

        await using var late = Command(connection, transaction, """
            insert into pending_load_late_applications (load_id, terminal_id, sequence, status_found, recorded_at)
            select load_id, @terminal, @sequence, status, @at from pending_loads
            where load_id = @load and not (status = 'applied' and applied_terminal = @terminal and applied_sequence = @sequence)
            on conflict (terminal_id, sequence) do nothing
            """);
        await late.With("at", row.RecordedAt * 1000L).With("terminal", (long)row.TerminalId).With("sequence", (long)row.Sequence).With("load", load.LoadId)
            .ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Only the terminal whose earlier record applied the load can abandon that application.</summary>
    private static async Task ReopenAsync(DbConnection connection, DbTransaction transaction, TransactionRow row, long loadId, CancellationToken cancellation)
    {
        await using var reopen = Command(connection, transaction, """
            update pending_loads set status = 'pending', applied_at = null, applied_terminal = null, applied_sequence = null
            where load_id = @load and status = 'applied' and applied_terminal = @terminal and applied_sequence < @sequence
            """);
        await reopen.With("load", loadId).With("terminal", (long)row.TerminalId).With("sequence", (long)row.Sequence).ExecuteNonQueryAsync(cancellation);
    }

    private static async Task<(long LoadId, string Status)?> FindAsync(DbConnection connection, DbTransaction transaction, string cardUid, int loadNumber, CancellationToken cancellation)
    {
        await using var find = Command(connection, transaction, """
            select p.load_id, p.status from pending_load_numbers n join pending_loads p on p.load_id = n.load_id
            where n.card_uid = @card and n.load_number = @number
            """);
        find.With("card", cardUid).With("number", loadNumber);
        await using var reader = await find.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
