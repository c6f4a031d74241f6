using System.Data.Common;
using System.Globalization;
using Backend.Ingest.Api;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Ledger;

/// <summary>
/// Settles QR rides against the daily cap of the current fare table (docs/fares.md): what one account's QR charges
/// of one service day exceed the cap is given back by a <c>cap_refund</c> transfer (revenue:fares to the account).
/// Each QR fare itself debits the account once, at ingest (<see cref="LedgerPostingRules"/>); this step only
/// refunds. It is idempotent: the refunds of an account-day carry the source key <c>cap:{account}:{day}</c> with
/// legs 0, 1, 2..., and each pass tops them up to exactly max(0, charged - cap), so re-running, racing another
/// settler (the unique index on source key and leg lets only one insert a leg) or charges arriving in any order
/// never refund twice.
/// </summary>
public sealed class QrCapSettlement(DbDataSource dataSource, TimeProvider clock)
{
    public const string CapRefund = "cap_refund";

    private const long DayMs = 86_400_000;

    /// <summary>Settles every account-day with a QR charge posted at or after <paramref name="postedSince"/> (unix ms); returns the cents refunded.</summary>
    public async Task<long> SettleAsync(FareTable fares, long postedSince, CancellationToken cancellation)
    {
        var refunded = 0L;
        foreach (var (account, day) in await AccountDaysAsync(fares, postedSince, cancellation))
        {
            try
            {
                refunded += await SettleDayAsync(fares, account, day, cancellation);
            }
            catch (DbException)
            {
                // Another settler posted this account-day's next leg first; the next pass tops up from its result.
            }
        }

        return refunded;
    }

    /// <summary>The fare table's daily cap for a QR concession, or null when that concession rides uncapped.</summary>
    private static long? CapOf(FareTable fares, int concession) =>
        concession <= (int)CardType.Staff && fares.DailyCap((CardType)concession) is > 0 and var cap ? cap : null;

    private async Task<IReadOnlyList<(string Account, int Day)>> AccountDaysAsync(FareTable fares, long postedSince, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            "select debit_account, occurred_at from ledger_transfers where kind = 'qr_charge' and posted_at >= @since");
        command.With("since", postedSince);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var days = new HashSet<(string, int)>();
        while (await reader.ReadAsync(cancellation))
        {
            days.Add((reader.GetString(0), fares.ServiceDayOf(reader.GetInt64(1) / 1000)));
        }

        return days.Order().ToArray();
    }

    /// <summary>
    /// One account-day in one transaction: its QR charges (with the concession each record was priced for), the
    /// refunds given so far, and the one refund that makes them max(0, charged - cap). When the day's rides were
    /// priced for several concessions, the lowest cap among them applies (the passenger's favour).
    /// </summary>
    private async Task<long> SettleDayAsync(FareTable fares, string account, int day, CancellationToken cancellation)
    {
        var from = DayStartMs(fares, day);
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);

        var charged = 0L;
        long? cap = null;
        await using (var charges = Command(connection, transaction, """
            select l.amount, t.record from ledger_transfers l
            join transactions t on t.terminal_id = l.source_terminal and t.sequence = l.source_sequence
            where l.debit_account = @account and l.kind = 'qr_charge' and l.occurred_at >= @from and l.occurred_at < @to
            """))
        {
            charges.With("account", account).With("from", from).With("to", from + DayMs);
            await using var reader = await charges.ExecuteReaderAsync(cancellation);
            var record = new TxRecord();
            while (await reader.ReadAsync(cancellation))
            {
                charged += reader.GetInt64(0);
                TxRecordCodec.Decode((byte[])reader.GetValue(1), 0, record);
                if (CapOf(fares, record.Concession) is { } recordCap)
                {
                    cap = Math.Min(cap ?? recordCap, recordCap);
                }
            }
        }

        if (cap is not { } dayCap || charged <= dayCap)
        {
            return 0;
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"cap:{account}:{day}");
        long given;
        long legs;
        await using (var refunds = Command(connection, transaction, "select coalesce(sum(amount), 0), count(*) from ledger_transfers where source_key = @key"))
        {
            refunds.With("key", key);
            await using var reader = await refunds.ExecuteReaderAsync(cancellation);
            await reader.ReadAsync(cancellation);
            given = Convert.ToInt64(reader.GetValue(0));
            legs = reader.GetInt64(1);
        }

        var due = charged - dayCap - given;
        if (due <= 0)
        {
            return 0;
        }

        await using (var refund = Command(connection, transaction, """
            insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, leg, occurred_at, posted_at)
            values (@kind, @debit, @credit, @amount, @key, @leg, @occurred_at, @posted_at)
            """))
        {
            refund.With("kind", CapRefund).With("debit", LedgerAccounts.RevenueFares).With("credit", account).With("amount", due)
                .With("key", key).With("leg", (int)legs).With("occurred_at", from + DayMs - 1)
                .With("posted_at", clock.GetUtcNow().ToUnixTimeMilliseconds());
            await refund.ExecuteNonQueryAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
        return due;
    }

    /// <summary>Where service day <paramref name="day"/> begins, unix ms: the inverse of <see cref="FareTable.ServiceDayOf"/>.</summary>
    private static long DayStartMs(FareTable fares, int day) =>
        (day * 86_400L - (long)(fares.UtcOffsetMinutes - fares.ServiceDayStartMinutes) * 60) * 1000;

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
