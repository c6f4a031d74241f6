using Terminal.Drivers.Hal;
using Terminal.Drivers.Scanner;
using Terminal.Emulator.Backoffice;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Card;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Scanner;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Board;

/// <summary>
/// One bus terminal: the real firmware (tap, journal, blacklist, fares) on the host board (simulated
/// reader chip, RF field and flash). Restart it over the same flash to emulate a power cycle.
/// </summary>
public sealed class EmulatedTerminal
{
    public EmulatedTerminal(SchemeKeys keys, TerminalConfig config, SimulatedClock clock, SimulatedFlash flash, ModelAllocationMeter? meter = null)
    {
        Clock = clock;
        Flash = flash;
        Config = config;
        Reader = new HostReader(new RfField(clock), meter: meter);
        IStorage storage = meter is null ? flash : meter.Wrap(flash);
        Journal = new Journal(storage);
        JournalStatus = Journal.Open();
        Blacklist = new BlacklistStore(storage);
        Blacklist.Open();
        Loads = new PendingLoadList(storage);
        Loads.Open();
        var verifier = new Ed25519Verifier();
        KeyRing = new QrKeyRing(verifier, 4);
        KeyRing.TryAdd(keys.Backend.KeyId, keys.Backend.PublicKey, 0);
        Fares = new FareTableStore(new KeyRingSignatureVerifier(KeyRing, verifier));
        var session = new CardSession(Reader.Iso, Reader.Classic, new CardKeyring(keys.SectorKeyMaster, keys.MacMaster));
        Tap = new TapProcessor(Reader.Iso, session, Blacklist, Loads, Fares, Journal, clock, config);
        Tap.RecoverPendingWrite();
        Scanner = new ScannerModel(clock, baudRate: 115200);
        var tokens = new QrTokenVerifier(clock, KeyRing, verifier, new UsedTokenSet(UsedTokenSet.TerminalCapacity));
        Qr = new QrScanProcessor(new QrScanner(Scanner, clock, CodeTerminator.CarriageReturn), tokens, Fares, Journal, clock, config);
    }

    public SimulatedClock Clock { get; }

    public SimulatedFlash Flash { get; }

    public TerminalConfig Config { get; }

    public HostReader Reader { get; }

    public Journal Journal { get; }

    public JournalStatus JournalStatus { get; }

    public BlacklistStore Blacklist { get; }

    public PendingLoadList Loads { get; }

    public QrKeyRing KeyRing { get; }

    public FareTableStore Fares { get; }

    public TapProcessor Tap { get; }

    /// <summary>The QR scanner on the terminal's serial port, where tests and the demo present codes.</summary>
    public ScannerModel Scanner { get; }

    public QrScanProcessor Qr { get; }

    public FareTableStatus LoadFares(byte[] signedTable) => Fares.Load(signedTable, 0, signedTable.Length, Clock.UtcUnixSeconds);
}
