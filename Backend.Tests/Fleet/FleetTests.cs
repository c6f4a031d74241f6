using Terminal.Emulator.Fleet;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>A small fleet on the real backend over a compressed day with every kind of fault ends with each journaled record stored exactly once.</summary>
public sealed class FleetTests
{
    [Fact]
    public async Task EveryJournaledRecordIsStoredOnceAcrossACutABrokerRestartAndAPowerCycle()
    {
        await using var backend = await BackendHost.StartAsync(postgres: null);
        Assert.True(FleetSchedule.TryParse("1:cut 2; 2:restart-broker; 3.5:restore 2; 4:power 3; 4.5:power 2", 3, out var schedule, out var error), error);
        var output = new StringWriter();
        using var fleet = new Terminal.Emulator.Fleet.Fleet(
            new FleetOptions { Buses = 3, BoardingsPerBus = 60, RunTime = TimeSpan.FromSeconds(6), Schedule = schedule, ReportEvery = TimeSpan.Zero, DrainTimeout = TimeSpan.FromSeconds(60) },
            await backend.ForFleetAsync([1, 2, 3]), output);

        var report = await fleet.RunAsync();
        var tally = report.Tally;

        Assert.True(tally.IsExact, output.ToString());
        Assert.True(report.Books.Balanced, output.ToString());
        Assert.True(report.Books.CardsChecked > 0);
        Assert.Empty(fleet.Failures);
        Assert.True(tally.Journaled >= 3 * 60 * 3 / 4, output.ToString());
        Assert.All(fleet.Buses, bus => Assert.True(bus.Ledger.Count > 0));
        Assert.Equal(tally.Journaled, tally.Stored);
        Assert.Contains("broker: running again", output.ToString());
        Assert.Equal([0, 1, 1], fleet.Buses.Select(b => b.PowerCycles));
        Assert.Contains("bus 2: network cut", output.ToString());
        Assert.Contains("bus 2: network restored", output.ToString());
        Assert.True(fleet.Buses.All(b => b.Sync.ConnectAttempts >= 1));
    }

    [Fact]
    public async Task EveryBusTakesTheBackendsFareTableAndBlacklistOverTheSignedDownlink()
    {
        await using var backend = await BackendHost.StartAsync(postgres: null);
        using var fleet = new Terminal.Emulator.Fleet.Fleet(
            new FleetOptions { Buses = 2, BoardingsPerBus = 20, RunTime = TimeSpan.FromSeconds(4), ReportEvery = TimeSpan.Zero, DrainTimeout = TimeSpan.FromSeconds(60) },
            await backend.ForFleetAsync([1, 2]), new StringWriter());

        var report = await fleet.RunAsync();

        Assert.True(report.Tally.IsExact);
        Assert.All(fleet.Buses, bus =>
        {
            Assert.Equal(BackendHost.DownlinkFareTableVersion, bus.Bus.Terminal.Fares.Current!.Version);
            Assert.Equal(1u, bus.Bus.Terminal.Blacklist.Version);
        });
    }

    [Fact]
    public async Task ACardClonedDuringTheDayIsCaughtBlockedAndRefusedByEveryBusWhileTheBooksBalance()
    {
        await using var backend = await BackendHost.StartAsync(postgres: null);
        var output = new StringWriter();
        using var fleet = new Terminal.Emulator.Fleet.Fleet(
            new FleetOptions { Buses = 4, BoardingsPerBus = 40, RunTime = TimeSpan.FromSeconds(12), Schedule = [], ReportEvery = TimeSpan.Zero, DrainTimeout = TimeSpan.FromSeconds(60) },
            await backend.ForFleetAsync([1, 2, 3, 4]), output);

        var report = await fleet.RunAsync();

        Assert.True(report.IsClean, output.ToString());
        Assert.True(fleet.Cloning.Detected, output.ToString());
        Assert.Equal(4, fleet.Cloning.RefusedBy);
        Assert.Equal((0L, 0, 0), (report.Books.LedgerImbalance, report.Books.CardsOffLedger, report.Books.EntriesPostedTwice));
        Assert.Contains($"clone: a copy of card {fleet.Cloning.CardUid} tapped on bus 4: Accepted", output.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        Assert.Equal(1, json.RootElement.GetProperty("clonesDetected").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("clonesRefusedFleetWide").GetInt32());
        Assert.Equal(report.Tally.Journaled, json.RootElement.GetProperty("recordsStored").GetInt32());
    }
}
