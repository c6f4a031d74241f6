using Backend.Ingest.Downlink;
using Terminal.Drivers.Hal;
using Terminal.Emulator.Backoffice;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Indicators;
using Terminal.Simulation.Mfrc522;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Scanner;
using Terminal.Simulation.Timing;

namespace Terminal.Tests.Composition;

/// <summary>
/// A <see cref="TerminalBoard"/> of simulated parts for the composition tests: chip, scanner, flash, a recording display,
/// and switches that make the reader, the scanner or the uplink throw.
/// </summary>
public sealed class CompositionBoard
{
    public const int TerminalId = 17;

    public CompositionBoard(SimulatedFlash? flash = null)
    {
        Flash = flash ?? new SimulatedFlash();
        Field = new RfField(Clock);
        Scanner = new ScannerModel(Clock, baudRate: 115200);
        Indicators = new IndicatorRecorder(Clock);
        var networkClock = new OffsetClock(Clock);
        Board = new TerminalBoard
        {
            ReaderBus = new Switched(this, new Mfrc522Chip(Field)),
            ScannerPort = new Switched(this, Scanner),
            GreenLed = Indicators.Pin(IndicatorRecorder.Green),
            RedLed = Indicators.Pin(IndicatorRecorder.Red),
            AmberLed = Indicators.Pin(IndicatorRecorder.Amber),
            Buzzer = Indicators.Pin(IndicatorRecorder.Buzzer),
            Display = Indicators,
            Storage = Flash,
            Clock = Clock,
            NetworkClock = networkClock,
            ClockSetter = networkClock,
            Hashing = new ManagedHmacSha256(),
            Uplink = new Switched(this, new NoUplink()),
        };
    }

    public SimulatedClock Clock { get; } = new();

    public SimulatedFlash Flash { get; }

    public RfField Field { get; }

    public ScannerModel Scanner { get; }

    public IndicatorRecorder Indicators { get; }

    public TerminalBoard Board { get; }

    public SchemeKeys Keys { get; } = new();

    /// <summary>The downlink's signer, whose public half the provisioning file holds as the backend key.</summary>
    public DownlinkSigner Backend { get; } = new(SchemeKeys.BackendKeyId, Enumerable.Repeat((byte)0x5A, 32).ToArray());

    public bool ReaderThrows { get; set; }

    public bool ScannerThrows { get; set; }

    public bool UplinkThrows { get; set; }

    /// <summary>Both display rows, joined by " | ".</summary>
    public string Shown => $"{Indicators.Row(0).Trim()} | {Indicators.Row(1).Trim()}";

    /// <summary>Writes the identity and keys file as the provisioning tool does.</summary>
    public void Provision()
    {
        var file = new TerminalProvisioning { TerminalId = TerminalId, RouteId = 1, BackendKeyId = Backend.KeyId };
        Backend.PublicKey.CopyTo(file.BackendPublicKey, 0);
        Keys.SectorKeyMaster.CopyTo(file.SectorKeyMaster, 0);
        Keys.MacMaster.CopyTo(file.MacMaster, 0);
        var bytes = file.Encode();
        Flash.Replace(TerminalProvisioning.FileName, bytes, 0, bytes.Length);
    }

    /// <summary>The demo fare table (version <paramref name="version"/>, speaking <paramref name="languages"/> when given) as a signed downlink message for this terminal.</summary>
    public byte[] FareTableMessage(uint version = 1, string? languages = null)
    {
        var builder = DemoFareTable.Builder(Backend.KeyId, Clock.UtcUnixSeconds - 86400);
        builder.Version = version;
        if (languages is not null)
        {
            builder.Languages.Clear();
            builder.Languages.Add(languages);
        }

        var table = builder.Build(data => Backend.Signature(data));
        return Backend.Sign(DownlinkKind.FareTable, TerminalId, version - 1, version, Clock.UtcUnixSeconds, table);
    }

    /// <summary>The reader, scanner and uplink, each throwing while its switch is on.</summary>
    private sealed class Switched(CompositionBoard owner, object part) : ISpiDevice, ISerialPort, IUplink
    {
        public bool IsConnected => Uplink().IsConnected;

        public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            if (owner.ReaderThrows)
            {
                throw new IOException("SPI bus fault");
            }

            ((ISpiDevice)part).Transfer(write, writeOffset, read, readOffset, count);
        }

        public int Read(byte[] buffer, int offset, int count) => Serial().Read(buffer, offset, count);

        public void Write(byte[] buffer, int offset, int count) => Serial().Write(buffer, offset, count);

        public bool Connect() => Uplink().Connect();

        public bool Publish(string topic, byte[] payload, int offset, int count, bool retain) => Uplink().Publish(topic, payload, offset, count, retain);

        public int Receive(byte[] topic, out int topicLength, byte[] payload) => Uplink().Receive(topic, out topicLength, payload);

        private ISerialPort Serial() => owner.ScannerThrows ? throw new IOException("UART fault") : (ISerialPort)part;

        private IUplink Uplink() => owner.UplinkThrows ? throw new IOException("modem fault") : (IUplink)part;
    }
}
