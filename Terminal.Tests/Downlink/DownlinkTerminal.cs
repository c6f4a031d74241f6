using Backend.Ingest.Downlink;
using Terminal.Emulator.Backoffice;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Timing;

namespace Terminal.Tests.Downlink;

/// <summary>
/// The firmware's downlink side as the device builds it (DownlinkStack over the journal, blacklist, fare and key
/// stores) on simulated flash and time, with the backend's signer. Construct again over the same flash to reboot.
/// </summary>
internal sealed class DownlinkTerminal
{
    public const uint Id = 4242;
    public const int AnchorKeyId = 1;
    public const int MaxDownloadedKeys = 3;
    public const long StartTime = 1_767_225_600;

    public static DownlinkSigner BackendKey { get; } = new(AnchorKeyId, Seed(0x5A));

    /// <summary>Someone else's key that names the backend's key id.</summary>
    public static DownlinkSigner Forger { get; } = new(AnchorKeyId, Seed(0x3C));

    public DownlinkTerminal(SimulatedFlash? flash = null, SimulatedClock? board = null, QueueLink? link = null)
    {
        Flash = flash ?? new SimulatedFlash();
        Board = board ?? new SimulatedClock(StartTime);
        Link = link ?? new QueueLink();
        Clock = new OffsetClock(Board);
        Journal = new Firmware.Journal.Journal(Flash, Firmware.Journal.Journal.DefaultBudgetBytes, 64);
        Journal.Open();
        Blacklist = new BlacklistStore(Flash);
        Blacklist.Open();
        Loads = new PendingLoadList(Flash);
        Loads.Open();
        var verifier = new Ed25519Verifier();
        Ring = new QrKeyRing(verifier, 1 + MaxDownloadedKeys);
        Ring.TryAdd(AnchorKeyId, BackendKey.PublicKey, 0);
        Fares = new FareTableStore(new KeyRingSignatureVerifier(Ring, verifier));
        Stack = new DownlinkStack(Link, Clock, Clock, Flash, Journal, Blacklist, Loads, Fares, Ring, verifier, AnchorKeyId, MaxDownloadedKeys,
            new TerminalConfig { TerminalId = (int)Id, RouteId = 7 }, firmwareVersion: 3);
        TablesRestored = Stack.Restore();
    }

    public SimulatedFlash Flash { get; }

    public SimulatedClock Board { get; }

    public OffsetClock Clock { get; }

    public QueueLink Link { get; }

    public Firmware.Journal.Journal Journal { get; }

    public BlacklistStore Blacklist { get; }

    public PendingLoadList Loads { get; }

    public QrKeyRing Ring { get; }

    public FareTableStore Fares { get; }

    public DownlinkStack Stack { get; }

    public int TablesRestored { get; }

    public DownlinkStatus Handle(byte[] message) => Stack.Agent.Handle(message, 0, message.Length);

    public TerminalStatusReport Report()
    {
        var report = new TerminalStatusReport();
        Stack.Status.Describe(report);
        return report;
    }

    /// <summary>A fare table of <paramref name="version"/> signed by the backend key, valid from <paramref name="validFrom"/>.</summary>
    public static byte[] Table(uint version, long validFrom = StartTime - 86400, DownlinkSigner? signer = null)
    {
        var builder = DemoFareTable.Builder(new BackendSigningKey(AnchorKeyId), validFrom);
        builder.Version = version;
        return builder.Build(data => (signer ?? BackendKey).Signature(data));
    }

    public static byte[] FareTableMessage(byte[] table, uint from = 0, DownlinkSigner? signer = null, long issuedAt = StartTime) =>
        (signer ?? BackendKey).Sign(DownlinkKind.FareTable, Id, from, BitConverter.ToUInt32(table, 4), issuedAt, table);

    public static byte[] Delta(uint from, params IReadOnlyList<BlacklistChange>[] versions)
    {
        var body = versions.SelectMany(Section).ToArray();
        return BackendKey.Sign(DownlinkKind.BlacklistDelta, Id, from, from + (uint)versions.Length, StartTime, body);
    }

    public static byte[] Snapshot(uint version, IReadOnlyList<BlacklistChange> listings) =>
        BackendKey.Sign(DownlinkKind.BlacklistSnapshot, Id, 0, version, StartTime, Section(listings));

    public static byte[] KeysMessage(uint version, params BackendPublicKey[] keys)
    {
        var body = new byte[KeySetBody.LengthFor(keys.Length)];
        KeySetBody.Write(keys.Select(k => k.KeyId).ToArray(), keys.Select(k => k.PublicKey).ToArray(), body, 0);
        return BackendKey.Sign(DownlinkKind.Keys, Id, 0, version, StartTime, body);
    }

    public static byte[] TimeMessage(long issuedAt, uint echoedUptime)
    {
        var body = new byte[TimeBody.Size];
        TimeBody.Write(echoedUptime, body, 0);
        return BackendKey.Sign(DownlinkKind.Time, Id, 0, 0, issuedAt, body);
    }

    public static byte[] Section(IReadOnlyList<BlacklistChange> changes)
    {
        var set = new BlacklistChanges();
        foreach (var change in changes)
        {
            _ = change.Reason == 0 ? set.Remove(change.Kind, change.Key, 0) : set.List(change.Kind, change.Key, 0, change.Reason);
        }

        var section = new byte[BlacklistBody.SectionLength(set)];
        BlacklistBody.WriteSection(set, section, 0);
        return section;
    }

    public static byte[] Uid(int n) => [0x04, (byte)n, (byte)(n >> 8), 0xA0, 0xB0, 0xC0, 0xD0];

    public static DownlinkSigner Seeded(byte fill) => new(9, Seed(fill));

    private static byte[] Seed(byte fill) => Enumerable.Repeat(fill, 32).ToArray();
}
