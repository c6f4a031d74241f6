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

        var tally = await fleet.RunAsync();

        Assert.True(tally.IsExact, output.ToString());
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

        var tally = await fleet.RunAsync();

        Assert.True(tally.IsExact);
        Assert.All(fleet.Buses, bus =>
        {
            Assert.Equal(BackendHost.DownlinkFareTableVersion, bus.Bus.Terminal.Fares.Current!.Version);
            Assert.Equal(1u, bus.Bus.Terminal.Blacklist.Version);
        });
    }
}
