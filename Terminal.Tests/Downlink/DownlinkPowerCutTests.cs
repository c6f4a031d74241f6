using Backend.Ingest.Downlink;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Downlink;
using Terminal.Simulation.Flash;
using Xunit;
using static Terminal.Tests.Downlink.DownlinkTerminal;

namespace Terminal.Tests.Downlink;

/// <summary>
/// A power cut at any write of applying a downlink message (and of the boot before it) leaves, after the next
/// boot, the old or the new version, intact, and the terminal accepts the rest again.
/// </summary>
public sealed class DownlinkPowerCutTests
{
    [Fact]
    public void ACutAtEveryByteWhileApplyingAFareTableLeavesTheOldOrTheNewTable()
    {
        var installed = new DownlinkTerminal();
        installed.Handle(FareTableMessage(Table(5)));
        var update = FareTableMessage(Table(6), from: 5);
        int old = 0, fresh = 0;

        int cuts = PowerCutSweep.Run(
            installed.Flash.Clone,
            flash => new DownlinkTerminal(flash).Handle(update),
            (flash, _, _) =>
            {
                var rebooted = new DownlinkTerminal(flash);
                uint version = rebooted.Fares.Current!.Version;
                Assert.Contains(version, new uint[] { 5, 6 });
                _ = version == 5 ? old++ : fresh++;
                Assert.Equal(version == 5 ? DownlinkStatus.Applied : DownlinkStatus.Stale, rebooted.Handle(update));
                Assert.Equal(6u, new DownlinkTerminal(flash).Fares.Current!.Version);
            });

        Assert.True(cuts > Table(6).Length, $"{cuts} cuts");
        Assert.True(old > 0 && fresh > 0, $"old {old}, new {fresh}");
    }

    [Fact]
    public void ACutAnywhereInACombinedDeltaLeavesAWholeVersionAndTheCatchUpFinishesFromIt()
    {
        var versions = Enumerable.Range(0, 3)
            .Select(v => (IReadOnlyList<BlacklistChange>)Enumerable.Range(10 * v, 4).Select(n => BlacklistChange.ListCard(Uid(n), (byte)(1 + v))).ToList())
            .ToArray();
        var installed = new DownlinkTerminal();
        installed.Handle(Snapshot(2, [BlacklistChange.ListCard(Uid(999), 9)]));
        var reached = new HashSet<uint>();

        PowerCutSweep.Run(
            installed.Flash.Clone,
            flash => new DownlinkTerminal(flash).Handle(Delta(2, versions)),
            (flash, _, _) =>
            {
                var rebooted = new DownlinkTerminal(flash);
                Assert.Equal(BlacklistStatus.Ok, rebooted.Blacklist.Verify());
                uint version = rebooted.Report().BlacklistVersion;
                Assert.InRange(version, 2u, 5u);
                reached.Add(version);
                for (int v = 0; v < 3; v++)
                {
                    Assert.Equal(2 + v < version, rebooted.Blacklist.LookupCard(Uid(10 * v), 0, 7).IsListed);
                }

                if (version < 5)
                {
                    Assert.Equal(DownlinkStatus.Applied, rebooted.Handle(Delta(version, versions[(int)(version - 2)..])));
                }

                Assert.Equal(5u, rebooted.Blacklist.Version);
                Assert.Equal(3, rebooted.Blacklist.LookupCard(Uid(23), 0, 7).Reason);
            },
            maxPositionsPerWrite: 24);

        Assert.Equal([2u, 3u, 4u, 5u], reached.Order());
    }

    [Fact]
    public void ACutAtEveryByteWhileApplyingKeysLeavesTheOldOrTheNewSet()
    {
        var installed = new DownlinkTerminal();
        var first = Seeded(0x41);
        var second = Seeded(0x42);
        installed.Handle(KeysMessage(1, new BackendPublicKey(5, first.PublicKey)));
        var update = KeysMessage(2, new BackendPublicKey(6, second.PublicKey));
        int old = 0, fresh = 0;

        PowerCutSweep.Run(
            installed.Flash.Clone,
            flash => new DownlinkTerminal(flash).Handle(update),
            (flash, _, _) =>
            {
                var rebooted = new DownlinkTerminal(flash);
                if (rebooted.Report().KeysVersion == 1)
                {
                    old++;
                    Assert.NotNull(rebooted.Ring.Find(5));
                    Assert.Null(rebooted.Ring.Find(6));
                }
                else
                {
                    fresh++;
                    Assert.Equal(2u, rebooted.Report().KeysVersion);
                    Assert.Null(rebooted.Ring.Find(5));
                    Assert.Equal(second.PublicKey, rebooted.Ring.Find(6)!.Encoded);
                }
            });

        Assert.True(old > 0 && fresh > 0, $"old {old}, new {fresh}");
    }
}
