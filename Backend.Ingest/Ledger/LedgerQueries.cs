using System.Data.Common;
using Backend.Ingest.Api;

namespace Backend.Ingest.Ledger;

/// <summary>The ledger's read side: a balance is always a sum over transfers, never a stored field.</summary>
public sealed class LedgerQueries(DbDataSource dataSource)
{
    public const int RecentTransfers = 20;

    private const string TransferColumns =
        "transfer_id, kind, debit_account, credit_account, amount, source_terminal, source_sequence, source_key, leg, occurred_at, posted_at";

    /// <summary>sum(credits) - sum(debits) of <paramref name="account"/>, read in <paramref name="transaction"/> when given.</summary>
    public static async Task<long> BalanceAsync(DbConnection connection, DbTransaction? transaction, string account, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            select (select coalesce(sum(amount), 0) from ledger_transfers where credit_account = @account)
                 - (select coalesce(sum(amount), 0) from ledger_transfers where debit_account = @account)
            """;
        command.With("account", account);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    public async Task<long> BalanceAsync(string account, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        return await BalanceAsync(connection, null, account, cancellation);
    }

    /// <summary>The transfers of <paramref name="account"/>, newest first.</summary>
    public async Task<IReadOnlyList<LedgerTransferView>> TransfersAsync(string account, int limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select {TransferColumns} from ledger_transfers where debit_account = @account
            union all
            select {TransferColumns} from ledger_transfers where credit_account = @account
            order by transfer_id desc limit @limit
            """);
        command.With("account", account).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var transfers = new List<LedgerTransferView>();
        while (await reader.ReadAsync(cancellation))
        {
            var source = reader.IsDBNull(7) ? $"terminal {reader.GetInt64(5)} #{reader.GetInt64(6)}" : reader.GetString(7);
            transfers.Add(new LedgerTransferView(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), source,
                reader.GetInt32(8), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10))));
        }

        return transfers;
    }

    /// <summary>Totals per account class, the part of an account code before its colon.</summary>
    public async Task<TrialBalance> TrialBalanceAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("""
            select account_class, sum(balance), count(*) from (
                select case
                           when account like 'card:%' then 'card'
                           when account like 'account:%' then 'account'
                           when account like 'revenue:%' then 'revenue'
                           when account like 'clearing:%' then 'clearing'
                           when account like 'expense:%' then 'expense'
                           when account like 'equity:%' then 'equity'
                           else 'other'
                       end as account_class,
                       sum(amount) as balance
                from (select credit_account as account, amount from ledger_transfers
                      union all
                      select debit_account, -amount from ledger_transfers) as legs
                group by account) as accounts
            group by account_class
            order by account_class
            """);
        var lines = new List<TrialBalanceLine>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                lines.Add(new TrialBalanceLine(reader.GetString(0), Convert.ToInt64(reader.GetValue(1)), reader.GetInt64(2)));
            }
        }

        await using var count = dataSource.CreateCommand("select count(*) from ledger_transfers");
        var transfers = Convert.ToInt64(await count.ExecuteScalarAsync(cancellation));
        var total = lines.Sum(line => line.Balance);
        return new TrialBalance(lines, total, transfers, total == 0);
    }
}
