using System.Data.Common;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Backend.Ingest.Loads;
using Backend.Tests.Api;
using Xunit;

namespace Backend.Tests.Loads;

/// <summary>The pending loads table and its ledger: create, withdraw once, the queries, on both databases.</summary>
public sealed class PendingLoadsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset InThirtyDays = Noon.AddDays(30);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ALoadIsCreatedPendingWithItsTransferIntoLoadsPendingAndItsAuditRow(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));

        var loadId = await CreateAsync(runner, "04a1b2c3d4e5f6", 1000, "pay_1");

        var load = await PendingLoads.ReadAsync(database.DataSource, loadId, default);
        Assert.NotNull(load);
        Assert.Equal(("04A1B2C3D4E5F6", 1000L, PendingLoadStatuses.Pending, LedgerAccounts.ClearingPayments, "pay_1"),
            (load.CardUid, load.Amount, load.Status, load.FundingAccount, load.PaymentId));
        Assert.Equal((Noon, InThirtyDays, (DateTimeOffset?)null, (long?)null), (load.CreatedAt, load.ExpiresAt, load.AppliedAt, load.AppliedTerminal));
        Assert.Equal("online top-up", load.Why);
        Assert.Equal([["load_pending", "clearing:payments", "loads:pending", "1000", $"load:{loadId}", "0"]],
            await RowsAsync(database.DataSource, "select kind, debit_account, credit_account, amount, source_key, leg from ledger_transfers"));
        Assert.Equal([["load.create", $"load:{loadId}"]], await RowsAsync(database.DataSource, "select action, subject from audit_log"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task APendingLoadIsWithdrawnOnceItsMoneyBackInItsFundingAccount(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var loadId = await CreateAsync(runner, "04A1B2C3", 700, paymentId: null);

        Assert.True(await WithdrawAsync(runner, loadId));
        Assert.False(await WithdrawAsync(runner, loadId));

        Assert.Equal(PendingLoadStatuses.Withdrawn, (await PendingLoads.ReadAsync(database.DataSource, loadId, default))!.Status);
        Assert.Equal([["load_withdrawn", "loads:pending", "clearing:payments", "700", "1"]], await RowsAsync(database.DataSource,
            "select kind, debit_account, credit_account, amount, leg from ledger_transfers where kind = 'load_withdrawn'"));
        Assert.Equal([["clearing:payments", "0"], ["loads:pending", "0"]], await BalancesAsync(database.DataSource));
        Assert.Equal(1, await ScalarAsync(database.DataSource, "select count(*) from audit_log where action = 'load.withdraw'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ALoadNoLongerPendingOrUnknownIsNotWithdrawnAndNothingChanges(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var applied = await CreateAsync(runner, "04A1B2C3", 700, paymentId: null);
        await ExecuteAsync(database.DataSource,
            $"update pending_loads set status = 'applied', applied_at = 1, applied_terminal = 12, applied_sequence = 34 where load_id = {applied}");

        Assert.False(await WithdrawAsync(runner, applied));
        Assert.False(await WithdrawAsync(runner, applied + 1000));

        Assert.Equal(1, await ScalarAsync(database.DataSource, "select count(*) from ledger_transfers"));
        var load = await PendingLoads.ReadAsync(database.DataSource, applied, default);
        Assert.Equal((PendingLoadStatuses.Applied, (long?)12, (long?)34), (load!.Status, load.AppliedTerminal, load.AppliedSequence));
        Assert.Null(await PendingLoads.ReadAsync(database.DataSource, applied + 1000, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheReleaseLegPostsOnceSoAWithdrawnLoadCannotAlsoBeExpired(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var loadId = await CreateAsync(runner, "04A1B2C3", 700, paymentId: null);
        Assert.True(await WithdrawAsync(runner, loadId));

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(database.DataSource, $"""
            insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, leg, occurred_at, posted_at)
            values ('load_expired', 'loads:pending', 'clearing:payments', 700, 'load:{loadId}', {PendingLoads.ReleasedLeg}, 0, 0)
            """));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ListPendingShowsOnlyPendingLoadsOldestFirstAndFiltersByCard(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var first = await CreateAsync(runner, "04A1B2C3", 100, paymentId: null);
        var withdrawn = await CreateAsync(runner, "04A1B2C3", 200, paymentId: null);
        var other = await CreateAsync(runner, "04D5E6F7", 300, paymentId: null);
        var last = await CreateAsync(runner, "04A1B2C3", 400, paymentId: null);
        await WithdrawAsync(runner, withdrawn);

        Assert.Equal([first, other, last], (await PendingLoads.ListPendingAsync(database.DataSource, null, default)).Select(l => l.LoadId));
        Assert.Equal([first, last], (await PendingLoads.ListPendingAsync(database.DataSource, "04a1b2c3", default)).Select(l => l.LoadId));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABadLoadIsRefusedBeforeAnythingIsWritten(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CreateAsync(runner, "04A1B2C3", 0, null));
        await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(runner, "not-a-uid", 100, null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runner.RunAsync(Request(), async change =>
        {
            await PendingLoads.CreateAsync(change, "04A1B2C3", 100, LedgerAccounts.ClearingPayments, Noon, "already expired", default);
            return new ChangeResult(200, new { });
        }, default));

        Assert.Equal(0, await ScalarAsync(database.DataSource, "select count(*) from pending_loads"));
        Assert.Equal(0, await ScalarAsync(database.DataSource, "select count(*) from ledger_transfers"));
    }

    private static ChangeRequest Request() => ChangeRequests.Internal("test.load", "test", new { at = Guid.NewGuid() });

    private static async Task<long> CreateAsync(ChangeRunner runner, string uid, long amount, string? paymentId)
    {
        var loadId = 0L;
        await runner.RunAsync(Request(), async change =>
        {
            if (paymentId is not null)
            {
                await using var payment = change.Command($"""
                    insert into payments (payment_id, provider, target, card_uid, amount, currency, status, created_at, created_by)
                    values ('{paymentId}', 'sandbox', 'card', '{uid.ToUpperInvariant()}', {amount}, 'EUR', 'paid', 0, 'test')
                    """);
                await payment.ExecuteNonQueryAsync();
            }

            loadId = await PendingLoads.CreateAsync(change, uid, amount, LedgerAccounts.ClearingPayments, paymentId, InThirtyDays, "online top-up", default);
            return new ChangeResult(201, new { loadId });
        }, default);
        return loadId;
    }

    private static async Task<bool> WithdrawAsync(ChangeRunner runner, long loadId)
    {
        var withdrawn = false;
        await runner.RunAsync(Request(), async change =>
        {
            withdrawn = await PendingLoads.WithdrawAsync(change, loadId, "payment refunded", default);
            return new ChangeResult(200, new { withdrawn });
        }, default);
        return withdrawn;
    }

    private static async Task<string[][]> BalancesAsync(DbDataSource dataSource) => await RowsAsync(dataSource, """
        select account, sum(amount) from (
            select credit_account as account, amount from ledger_transfers
            union all select debit_account, -amount from ledger_transfers) moves
        group by account order by account
        """);

    private static async Task ExecuteAsync(DbDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(DbDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<string[][]> RowsAsync(DbDataSource dataSource, string sql)
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
}
