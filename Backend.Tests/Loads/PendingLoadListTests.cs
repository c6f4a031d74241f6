using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Loads;
using Backend.Tests.Api;
using Backend.Tests.Downlink;
using Backend.Tests.Ledger;
using Terminal.Firmware.Journal;
using Xunit;
using static Backend.Tests.Loads.PendingLoadTestSupport;

namespace Backend.Tests.Loads;

/// <summary>
/// pending_loads becoming versions of the fleet's list, delivered to the real firmware downlink; load records in the
/// ingest commit marking loads applied (or back to pending) and posting; expiry. Both databases.
/// </summary>
public sealed class PendingLoadListTests
{
    private const string CardA = "045A6B7C8D9EAF";
    private const string CardB = "1A2B3C4D";
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly DownlinkSigner Signer = new(LoopbackTerminal.AnchorKeyId, Enumerable.Repeat((byte)0x42, 32).ToArray());

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EachCardsOldestPendingLoadIsListedAndATerminalGetsItThenItsDelta(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var catalog = new PendingLoadListCatalog(database.DataSource);
        var first = await CreateAsync(runner, CardA, 1000, Noon.AddDays(30));
        await CreateAsync(runner, CardA, 500, Noon.AddDays(30));
        await CreateAsync(runner, CardB, 2000, Noon.AddDays(30));

        Assert.Equal(1u, await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default));
        Assert.Null(await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default));
        var terminal = new LoopbackTerminal(31, Signer);
        await terminal.ExchangeAsync(Planner(database, catalog, terminal));

        Assert.Equal(1u, terminal.Loads.Version);
        Assert.Equal((true, 1, 1000), Find(terminal.Loads, CardA));
        Assert.Equal((true, 1, 2000), Find(terminal.Loads, CardB));

        await WithdrawAsync(runner, first);
        Assert.Equal(2u, await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default));
        terminal.Stack.Status.RequestSoon();
        var plans = await terminal.ExchangeAsync(Planner(database, catalog, terminal));

        Assert.Contains(plans.SelectMany(p => p.Messages), m => m.Kind == Terminal.Firmware.Downlink.DownlinkKind.PendingLoadDelta && m.FromVersion == 1 && m.ToVersion == 2);
        Assert.Equal(2u, terminal.Loads.Version);
        Assert.Equal((true, 2, 500), Find(terminal.Loads, CardA));
        Assert.Equal([["2"]], await RowsAsync(database.DataSource, "select count(*) from audit_log where action = 'loads.publish'"));
        Assert.Equal([["2"]], await RowsAsync(database.DataSource, "select count(*) from api_requests where operation = 'loads.publish'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ALoadAppliedRecordPostsMarksTheLoadAppliedOnceAndTheNextVersionWithdrawsIt(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var catalog = new PendingLoadListCatalog(database.DataSource);
        var loadId = await CreateAsync(runner, CardA, 1000, Noon.AddDays(30));
        await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default);
        await using var store = database.Store().CreateTransactionStore();
        var batch = LedgerRecords.Batch(12, Load(TxKind.LoadApplied, 40, 1000, 1));

        await store.StoreGroupAsync([batch]);
        await store.StoreGroupAsync([batch]);

        var load = (await PendingLoads.ReadAsync(database.DataSource, loadId, default))!;
        Assert.Equal((PendingLoadStatuses.Applied, 12L, 40L), (load.Status, load.AppliedTerminal!.Value, load.AppliedSequence!.Value));
        Assert.Equal([["load_applied", "loads:pending", "card:" + CardA, "1000"]], await RowsAsync(database.DataSource,
            "select kind, debit_account, credit_account, amount from ledger_transfers where kind = 'load_applied'"));
        var balances = await BalancesAsync(database.DataSource);
        Assert.Equal((1000L, 0L, -1000L), (balances["card:" + CardA], balances["loads:pending"], balances["clearing:payments"]));
        Assert.Equal(2u, await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default));
        Assert.Empty(await RowsAsync(database.DataSource, "select card_uid from pending_load_list_entries"));
        Assert.Empty(await RowsAsync(database.DataSource, "select load_id from pending_load_late_applications"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAbandonedLoadWriteReversesAndReopensTheLoadAndItsNextApplicationPostsAgain(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var catalog = new PendingLoadListCatalog(database.DataSource);
        var loadId = await CreateAsync(runner, CardA, 1000, Noon.AddDays(30));
        await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default);
        await using var store = database.Store().CreateTransactionStore();

        await store.StoreGroupAsync([LedgerRecords.Batch(12, Load(TxKind.LoadApplied, 40, 1000, 1), Load(TxKind.LoadAbandoned, 41, 1000, 1))]);
        Assert.Equal(PendingLoadStatuses.Pending, (await PendingLoads.ReadAsync(database.DataSource, loadId, default))!.Status);
        Assert.Equal(0L, (await BalancesAsync(database.DataSource))["card:" + CardA]);

        await store.StoreGroupAsync([LedgerRecords.Batch(12, Load(TxKind.LoadApplied, 42, 1000, 1))]);
        var load = (await PendingLoads.ReadAsync(database.DataSource, loadId, default))!;
        Assert.Equal((PendingLoadStatuses.Applied, 42L), (load.Status, load.AppliedSequence!.Value));
        Assert.Equal(1000L, (await BalancesAsync(database.DataSource))["card:" + CardA]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARecordForALoadWithdrawnMeanwhileStillPostsAndIsKeptForAnOperator(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var catalog = new PendingLoadListCatalog(database.DataSource);
        var loadId = await CreateAsync(runner, CardA, 1000, Noon.AddDays(30));
        await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default);
        await WithdrawAsync(runner, loadId);
        await using var store = database.Store().CreateTransactionStore();

        await store.StoreGroupAsync([LedgerRecords.Batch(12, Load(TxKind.LoadApplied, 40, 1000, 1))]);

        Assert.Equal(PendingLoadStatuses.Withdrawn, (await PendingLoads.ReadAsync(database.DataSource, loadId, default))!.Status);
        Assert.Equal([[loadId.ToString(System.Globalization.CultureInfo.InvariantCulture), "12", "40", "withdrawn"]], await RowsAsync(database.DataSource,
            "select load_id, terminal_id, sequence, status_found from pending_load_late_applications"));
        var balances = await BalancesAsync(database.DataSource);
        Assert.Equal((1000L, -1000L), (balances["card:" + CardA], balances["loads:pending"]));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ALoadPastItsTimeExpiresOnceBackToItsFundingAccountAndLeavesTheList(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var catalog = new PendingLoadListCatalog(database.DataSource);
        var expiring = await CreateAsync(runner, CardA, 1000, Noon.AddHours(1));
        var lasting = await CreateAsync(runner, CardB, 700, Noon.AddDays(30));
        await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default);
        var later = new ChangeRunner(database.DataSource, new TestClock(Noon.AddHours(2)));

        Assert.Equal(1, await PendingLoadExpiry.ExpireDueAsync(database.DataSource, later, Noon.AddHours(2), default));
        Assert.Equal(0, await PendingLoadExpiry.ExpireDueAsync(database.DataSource, later, Noon.AddHours(2), default));
        Assert.Equal(2u, await PendingLoadService.RunPassAsync(database.DataSource, later, catalog, Noon.AddHours(2), default));

        Assert.Equal(PendingLoadStatuses.Expired, (await PendingLoads.ReadAsync(database.DataSource, expiring, default))!.Status);
        Assert.Equal(PendingLoadStatuses.Pending, (await PendingLoads.ReadAsync(database.DataSource, lasting, default))!.Status);
        Assert.Equal([["load_expired", "loads:pending", "clearing:payments", "1000", "1"]], await RowsAsync(database.DataSource,
            "select kind, debit_account, credit_account, amount, leg from ledger_transfers where kind = 'load_expired'"));
        Assert.Equal([[CardB]], await RowsAsync(database.DataSource, "select card_uid from pending_load_list_entries"));
        Assert.Single(await RowsAsync(database.DataSource, "select subject from audit_log where action = 'load.expire'"));
    }

    private static DownlinkPlanner Planner(TestDatabase database, PendingLoadListCatalog loads, LoopbackTerminal terminal) =>
        new(new DownlinkCatalog(database.DataSource, new ChangeRunner(database.DataSource, TimeProvider.System), Signer),
            Signer, new FixedTime(() => terminal.Clock.UtcUnixSeconds), loads);

    private static TxRecord Load(TxKind kind, uint sequence, int amount, int number)
    {
        var record = LedgerRecords.Card(kind, sequence, amount);
        record.Route = 0;
        record.LoadNumber = number;
        return record;
    }

    private static (bool Found, int Number, int Amount) Find(Terminal.Firmware.Loads.PendingLoadList list, string uidHex)
    {
        var uid = Convert.FromHexString(uidHex);
        var load = new Terminal.Firmware.Loads.PendingLoad();
        list.Lookup(uid, 0, uid.Length, load);
        return (load.Found, load.Number, load.Amount);
    }
}
