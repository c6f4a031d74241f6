using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Simulation.Cards;

namespace Terminal.Emulator.Demo;

/// <summary>
/// <c>demo --provisioned DIR</c>: a bus booted from exactly the files of <c>provision-terminal --out DIR</c>, on the
/// backend that issued them (running, with its broker where network.cfg points). It connects with the issued
/// password, waits for the backend's signed fare table, takes the passengers' taps with cards issued from the
/// terminal's own card masters, and waits until the backend has acknowledged every journaled record.
/// </summary>
public static class ProvisionedDemo
{
    private const int FirstBalance = 2000;
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(30);

    public static int Run(string folder, int passengers, TextWriter output)
    {
        if (passengers < 1)
        {
            output.WriteLine("--passengers must be at least 1.");
            return 2;
        }

        ProvisionedBus bus;
        try
        {
            bus = new ProvisionedBus(folder);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            output.WriteLine($"{folder}: {e.Message}");
            return 2;
        }

        using (bus)
        {
            output.WriteLine($"flashed {string.Join(", ", bus.Files.Select(f => "I:\\" + f))}");
            var report = bus.Boot();
            output.WriteLine($"boot report: {report.Describe()}");
            if (!report.Serving)
            {
                output.WriteLine($"display: {bus.Shown}");
                return 1;
            }

            if (!bus.RunUntil(() => bus.Firmware.Fares.Current is not null, NetworkTimeout))
            {
                output.WriteLine($"no fare table within {NetworkTimeout.TotalSeconds:0} s: connected {bus.Uplink?.IsConnected == true} (is the backend that issued the folder running, its broker where network.cfg points?)");
                return 1;
            }

            output.WriteLine($"terminal {bus.Firmware.Config.TerminalId} on route {bus.Firmware.Config.RouteId}: connected, fare table v{bus.Firmware.Fares.Current!.Version} from the backend");
            var desk = new IssuingDesk(bus.CardScheme());
            for (var i = 0; i < passengers; i++)
            {
                var card = MifareClassicCard.OneK(EmulatedBus.Uid(7));
                desk.Issue(card, 0, EmulatedBus.ExpiryDay, FirstBalance);
                var outcome = bus.Tap(card);
                output.WriteLine($"passenger {i + 1}: {outcome,-9} balance {desk.Inspect(card).Trip.Balance,5}  display: {bus.Shown}");
            }

            var synced = bus.RunUntil(() => !bus.Firmware.Journal.HasUnacknowledged, NetworkTimeout);
            output.WriteLine($"journal: {bus.Firmware.Journal.LastSequence} records, acknowledged up to {bus.Firmware.Journal.AcknowledgedUpTo}");
            return synced ? 0 : 1;
        }
    }
}
