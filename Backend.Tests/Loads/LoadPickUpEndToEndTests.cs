using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Loads;
using Backend.Tests.Api;
using Backend.Tests.Downlink;
using Backend.Tests.Ledger;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Xunit;
using static Backend.Tests.Loads.PendingLoadTestSupport;

namespace Backend.Tests.Loads;

/// <summary>
/// End to end on both databases: a pending load created in the backend reaches a bus running the real firmware
/// (signed list through its downlink agent), the card's next tap takes it once, the uploaded records post it and mark
/// it applied, and the next list version takes it off the bus.
/// </summary>
public sealed class LoadPickUpEndToEndTests
{
    private const uint BusId = 21;
    /// <summary>The pick-up tests' time and backend downlink key (the replacement's pick-up test uses them too).</summary>
    internal static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    internal static readonly DownlinkSigner Signer = new(9, Enumerable.Repeat((byte)0x5C, 32).ToArray());

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task APendingLoadReachesTheBusTheCardTakesItOnceAndItsRecordSettlesIt(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var catalog = new PendingLoadListCatalog(database.DataSource);
        var bus = new EmulatedBus(new SchemeKeys(), new TerminalConfig { TerminalId = (int)BusId, RouteId = 1 });
        var card = bus.Issue(1350);
        var uid = Convert.ToHexString(card.Uid);
        var loadId = await CreateAsync(runner, uid, 1000, Noon.AddDays(30));
        await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default);
        var downlink = Downlink(bus);
        var planner = new DownlinkPlanner(new DownlinkCatalog(database.DataSource, runner, Signer), Signer, new FixedTime(() => bus.Clock.UtcUnixSeconds), catalog);

        Deliver(planner, downlink);
        Assert.Equal(1u, bus.Terminal.Loads.Version);
        Assert.Equal(TapOutcome.Accepted, bus.Tap(card));
        Assert.Equal(1350 + 1000 - 250, bus.Balance(card));

        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(BusId, bus.JournalRecords().ToArray())]);
        }

        var load = (await PendingLoads.ReadAsync(database.DataSource, loadId, default))!;
        Assert.Equal((PendingLoadStatuses.Applied, (long)BusId), (load.Status, load.AppliedTerminal!.Value));
        var balances = await BalancesAsync(database.DataSource);
        Assert.Equal((1000L - 250L, 0L), (balances["card:" + uid], balances["loads:pending"]));

        Assert.Equal(2u, await PendingLoadService.RunPassAsync(database.DataSource, runner, catalog, Noon, default));
        Deliver(planner, downlink);
        Assert.Equal((2u, 0), (bus.Terminal.Loads.Version, bus.Terminal.Loads.Count));
        bus.Clock.Advance(3_600_000_000);
        bus.Tap(card);
        Assert.Single(bus.JournalRecords(), r => r.Kind == TxKind.LoadApplied);
    }

    /// <summary>The bus's firmware downlink over its own stores, trusting <see cref="Signer"/>.</summary>
    internal static DownlinkStack Downlink(EmulatedBus bus)
    {
        Assert.True(bus.Terminal.KeyRing.TryAdd(Signer.KeyId, Signer.PublicKey, 0));
        var terminal = bus.Terminal;
        return new DownlinkStack(new Terminal.Firmware.Composition.NoUplink(), bus.Clock, new Terminal.Firmware.Downlink.OffsetClock(bus.Clock), bus.Flash, terminal.Journal, terminal.Blacklist,
            terminal.Loads, terminal.Fares, terminal.KeyRing, new Ed25519Verifier(), Signer.KeyId, 2, bus.Config, firmwareVersion: 1);
    }

    /// <summary>What the planner answers the bus's status, handed to its downlink agent as the broker would: its pending-load messages, and its blacklist's when asked.</summary>
    internal static void Deliver(DownlinkPlanner planner, DownlinkStack downlink, bool blacklist = false)
    {
        var report = new TerminalStatusReport();
        downlink.Status.Describe(report);
        foreach (var message in planner.Plan(report).Messages.Where(m => m.Kind is DownlinkKind.PendingLoadDelta or DownlinkKind.PendingLoadSnapshot
            || (blacklist && m.Kind is DownlinkKind.BlacklistDelta or DownlinkKind.BlacklistSnapshot)))
        {
            Assert.Equal(DownlinkStatus.Applied, downlink.Agent.Handle(message.Payload, 0, message.Payload.Length));
        }
    }
}
