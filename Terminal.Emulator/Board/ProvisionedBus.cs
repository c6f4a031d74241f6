using Terminal.Drivers.Hal;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Uplink;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Indicators;
using Terminal.Simulation.Mfrc522;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Scanner;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Board;

/// <summary>
/// A bus booted from exactly the files a technician flashes (<see cref="ProvisionedFolder"/>): the firmware's own
/// composition root over a host board of simulated parts, whose uplink is the MQTT link that <c>network.cfg</c>
/// names, as the ESP32 board opens it. Nothing about the terminal comes from anywhere else: its id, route, backend key
/// and card masters are what the firmware read from <c>terminal.key</c>.
/// </summary>
public sealed class ProvisionedBus : IDisposable
{
    /// <summary>Simulated time per idle pass, so the display's holds run out while the bus waits for the network.</summary>
    private const long PassMicroseconds = 10_000;

    private readonly Board _board;

    public ProvisionedBus(string directory)
    {
        Clock = new SimulatedClock(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Field = new RfField(Clock);
        Indicators = new IndicatorRecorder(Clock);
        Files = ProvisionedFolder.LoadOnto(Flash, directory);
        var networkClock = new OffsetClock(new HostClock());
        _board = new Board(this)
        {
            ReaderBus = new Mfrc522Chip(Field),
            ScannerPort = new ScannerModel(Clock, baudRate: 115200),
            GreenLed = Indicators.Pin(IndicatorRecorder.Green),
            RedLed = Indicators.Pin(IndicatorRecorder.Red),
            AmberLed = Indicators.Pin(IndicatorRecorder.Amber),
            Buzzer = Indicators.Pin(IndicatorRecorder.Buzzer),
            Display = Indicators,
            Storage = Flash,
            Clock = Clock,
            // The sync agent's ack timeouts and back-off run against a real broker: real time, set by the backend's time messages.
            NetworkClock = networkClock,
            ClockSetter = networkClock,
            Hashing = new ManagedHmacSha256(),
        };
        Firmware = new TerminalFirmware(_board);
    }

    public SimulatedClock Clock { get; }

    public SimulatedFlash Flash { get; } = new();

    public RfField Field { get; }

    public IndicatorRecorder Indicators { get; }

    public TerminalFirmware Firmware { get; }

    /// <summary>The I: files the folder put on the flash.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The link network.cfg named, once the firmware asked for it at boot; null without that file.</summary>
    public MqttUplink? Uplink { get; private set; }

    /// <summary>Both display rows, joined by " | ".</summary>
    public string Shown => $"{Indicators.Row(0).Trim()} | {Indicators.Row(1).Trim()}";

    public TerminalBootReport Boot() => Firmware.Boot();

    /// <summary>
    /// The scheme's keys as the card issuing points hold them: the masters of this terminal's terminal.key (the backend
    /// issued both from its one copy), so that cards issued with them are cards this bus accepts.
    /// </summary>
    public SchemeKeys CardScheme()
    {
        var key = new TerminalProvisioning();
        return key.Load(Flash) == ProvisioningStatus.Ok
            ? new SchemeKeys(key.SectorKeyMaster, key.MacMaster)
            : throw new InvalidOperationException("the bus has no valid terminal.key");
    }

    /// <summary>Main-loop passes, in real time, until <paramref name="done"/> holds or <paramref name="timeout"/> passes; whether it held.</summary>
    public bool RunUntil(Func<bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            Firmware.Step();
            Clock.Advance(PassMicroseconds);
            Thread.Sleep(1);
        }

        return true;
    }

    /// <summary>A passenger holds the card to the reader for one pass and takes it away; the pass's outcome.</summary>
    public TapOutcome Tap(MifareClassicCard card)
    {
        Field.Enter(card);
        var outcome = Firmware.Step();
        Field.Remove(card);
        Firmware.Step();
        return outcome;
    }

    public void Dispose() => Uplink?.Dispose();

    /// <summary>The host board: opens the uplink from network.cfg on the flash, as the ESP32 board does.</summary>
    private sealed class Board(ProvisionedBus bus) : TerminalBoard
    {
        public override IUplink OpenUplink(uint terminalId)
        {
            var network = new NetworkProvisioning();
            if (network.Load(bus.Flash) != ProvisioningStatus.Ok)
            {
                return new NoUplink();
            }

            bus.Uplink?.Dispose();
            bus.Uplink = new MqttUplink(MqttUplinkSettings.ForTerminal(network.BrokerHost, network.BrokerPort, terminalId, network.Password) with { UserName = network.User });
            return bus.Uplink;
        }
    }
}
