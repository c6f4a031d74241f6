using Backend.Tests.Infrastructure;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Emulator.Fleet;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Xunit;

namespace Backend.Tests.Provisioning;

/// <summary>
/// End to end: <c>provision-terminal --out</c> on the real backend, a bus booted from exactly that folder (the firmware's
/// composition root reading terminal.key and network.cfg from its flash), and the bus connecting with the issued
/// password, taking the backend's signed fare table, pricing a tap and getting the journaled record stored.
/// </summary>
public sealed class ProvisionedTerminalTests
{
    private const uint TerminalId = 41;
    private const int RouteId = 2;
    private const int FirstBalance = 1000;
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ATerminalBootedFromItsProvisionedFilesConnectsSyncsAndTakesAFare(bool postgres)
    {
        await using var backend = await BackendHost.StartAsync(postgres ? TestEnvironment.PostgresConnectionString : null);
        var folder = Directory.CreateTempSubdirectory("busfare-provisioned-").FullName;
        try
        {
            await backend.ProvisionTerminalAsync(TerminalId, RouteId, folder);
            using var bus = new ProvisionedBus(folder);

            var report = bus.Boot();
            Assert.True(report.Serving, report.Describe());
            Assert.Equal(["terminal.key", "network.cfg"], bus.Files);
            Assert.Equal(((int)TerminalId, RouteId), (bus.Firmware.Config.TerminalId, bus.Firmware.Config.RouteId));
            Assert.Null(bus.Firmware.Fares.Current);

            // The fare table is signed by the backend's downlink key: taken only because terminal.key holds its public half.
            Assert.True(bus.RunUntil(() => bus.Firmware.Fares.Current?.Version == BackendHost.DownlinkFareTableVersion, NetworkTimeout), bus.Shown);
            Assert.True(bus.Uplink!.IsConnected);

            var desk = new IssuingDesk(bus.CardScheme());
            var card = MifareClassicCard.OneK(EmulatedBus.Uid(7));
            desk.Issue(card, 0, EmulatedBus.ExpiryDay, FirstBalance);
            var outcome = bus.Tap(card);
            Assert.True(outcome == TapOutcome.Accepted, $"{outcome}: {bus.Shown}");
            var fare = FirstBalance - desk.Inspect(card).Trip.Balance;
            Assert.True(fare > 0, bus.Shown);

            Assert.True(bus.RunUntil(() => !bus.Firmware.Journal.HasUnacknowledged, NetworkTimeout), $"{bus.Firmware.Journal.LastSequence - bus.Firmware.Journal.AcknowledgedUpTo} records unacknowledged");
            var stored = (await backend.ReadStoredAsync(CancellationToken.None)).Where(r => r.TerminalId == TerminalId).ToList();
            Assert.Equal((int)bus.Firmware.Journal.LastSequence, stored.Count);
            var taps = stored.Select(r =>
            {
                var record = new TxRecord();
                Assert.Equal(RecordStatus.Ok, TxRecordCodec.Decode(r.Record, 0, record));
                return record;
            }).Where(r => r.Kind == TxKind.CardTapAccepted).ToList();
            var tap = Assert.Single(taps);
            Assert.Equal((fare, FirstBalance - fare, RouteId), (tap.Amount, tap.BalanceAfter, tap.Route));
            Assert.Equal(card.Uid, tap.Uid[..tap.UidLength]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
