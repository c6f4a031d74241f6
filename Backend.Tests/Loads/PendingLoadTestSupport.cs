using System.Data.Common;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Backend.Ingest.Loads;

namespace Backend.Tests.Loads;

/// <summary>Creating, withdrawing and reading pending loads and the list's tables, for the list tests.</summary>
internal static class PendingLoadTestSupport
{
    public static async Task<long> CreateAsync(ChangeRunner runner, string uid, long amount, DateTimeOffset expiresAt)
    {
        var loadId = 0L;
        var outcome = await runner.RunAsync(ChangeRequests.Internal("test.load", "test", new { uid, amount, at = Guid.NewGuid() }), async change =>
        {
            loadId = await PendingLoads.CreateAsync(change, uid, amount, LedgerAccounts.ClearingPayments, expiresAt, "online top-up", default);
            return new ChangeResult(201, new { loadId });
        }, default);
        return outcome.Status == 201 ? loadId : throw new InvalidOperationException(outcome.Body);
    }

    public static async Task WithdrawAsync(ChangeRunner runner, long loadId) =>
        await runner.RunAsync(ChangeRequests.Internal("test.withdraw", "test", new { loadId, at = Guid.NewGuid() }), async change =>
            new ChangeResult(await PendingLoads.WithdrawAsync(change, loadId, "payment refunded", default) ? 200 : 409, new { loadId }), default);

    public static async Task<string[][]> RowsAsync(DbDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        }

        return rows.ToArray();
    }

    /// <summary>Each account's balance (credits less debits), accounts in order.</summary>
    public static async Task<Dictionary<string, long>> BalancesAsync(DbDataSource dataSource) =>
        (await RowsAsync(dataSource, """
            select account, sum(amount) from (
                select credit_account as account, amount from ledger_transfers
                union all select debit_account, -amount from ledger_transfers) moves
            group by account
            """)).ToDictionary(r => r[0], r => long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));
}
