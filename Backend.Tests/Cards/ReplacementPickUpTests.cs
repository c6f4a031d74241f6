using Backend.Ingest.Cards;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Loads;
using Backend.Tests.Api;
using Backend.Tests.Downlink;
using Backend.Tests.Ledger;
using Backend.Tests.Loads;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Tap;
using Xunit;
using static Backend.Tests.Loads.LoadPickUpEndToEndTests;
using static Backend.Tests.Loads.PendingLoadTestSupport;

namespace Backend.Tests.Cards;

/// <summary>
/// End to end on both databases with the real firmware on the simulated bus: a stolen card is replaced at the desk,
/// the bus takes the blacklist and the pending-load list through its downlink, the old card is refused, the new card
/// gets the old card's balance at its first tap, and the uploaded records settle the load.
/// </summary>
public sealed class ReplacementPickUpTests
{
    private const uint BusId = 22;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheNewCardGetsTheOldCardsBalanceAtItsFirstTapAndTheOldCardIsRefused(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Noon);
        var bus = new EmulatedBus(new SchemeKeys(), new TerminalConfig { TerminalId = (int)BusId, RouteId = 1 });
        var stolen = bus.Issue(1350);
        var replacement = bus.Issue(0);
        var (oldUid, newUid) = (Convert.ToHexString(stolen.Uid), Convert.ToHexString(replacement.Uid));
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(oldUid, firstLoad: 1350), DeskRequests.NewKey());
        var replaced = await host.Client.PostAsync($"/api/cards/{oldUid}/replacement", CardReplacementTests.Order(newUid, register: true), DeskRequests.NewKey());
        Assert.Equal(System.Net.HttpStatusCode.OK, replaced.StatusCode);

        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var catalog = new PendingLoadListCatalog(database.DataSource);
        await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default);
        var downlinkCatalog = new DownlinkCatalog(database.DataSource, runner, Signer);
        await downlinkCatalog.RefreshAsync(default);
        var planner = new DownlinkPlanner(downlinkCatalog, Signer, new FixedTime(() => bus.Clock.UtcUnixSeconds), catalog);
        var downlink = LoadPickUpEndToEndTests.Downlink(bus);
        Deliver(planner, downlink, blacklist: true);

        Assert.Equal(TapOutcome.Refused, bus.Tap(stolen));
        bus.Clock.Advance(60_000_000);
        Assert.Equal(TapOutcome.Accepted, bus.Tap(replacement));
        Assert.Equal(1350 - 250, bus.Balance(replacement));
        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(BusId, bus.JournalRecords().ToArray())]);
        }

        var balances = await BalancesAsync(database.DataSource);
        Assert.Equal((0L, 1350L - 250L, 0L), (balances["card:" + oldUid], balances["card:" + newUid], balances["loads:pending"]));
        var load = (await PendingLoads.ListPendingAsync(database.DataSource, newUid, default)).Count;
        Assert.Equal(0, load);
        Assert.Equal(CardStatuses.Replaced, (await (await host.Client.GetAsync($"/api/cards/{oldUid}")).JsonAsync()).GetProperty("card").GetProperty("status").GetString());
    }
}
