using Backend.Ingest.Downlink;
using Backend.Ingest.Qr;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Terminal.NanoReplay.Replay;
using Terminal.NanoTests;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Mfrc522;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Scanner;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Replay;

/// <summary>
/// Records whole runs of the real firmware on the host board for replay on nanoCLR: a terminal is prepared over
/// simulated flash (a signed fare table and a blacklist of <see cref="BlacklistListings"/> cards arrive by downlink),
/// then a second one boots over that flash through <see cref="ReplayTerminal"/> with its SPI bus, scanner UART and
/// clock tapped, and takes three card taps (each followed by the empty-field poll of the main loop), one QR code, a
/// blacklist delta and a new fare table. The script holds every board call and the journal bytes each phase wrote.
/// </summary>
public static class ReplayRecorder
{
    public const int TerminalId = 17;
    public const int RouteId = 1;
    public const int BlacklistListings = 1000;
    private const int BackendKeyId = 1;
    private const int QrKeyId = 9;
    private const long SecondsBetweenTaps = 200;

    public static RecordedRuns Record()
    {
        var keys = new SchemeKeys();
        var backend = new DownlinkSigner(BackendKeyId, Enumerable.Repeat((byte)0x5A, 32).ToArray());
        var qrIssuer = QrTokenSigner.WithRandomKey(QrKeyId, new Random(4));
        var provisioning = new ReplayProvisioning
        {
            TerminalId = TerminalId,
            RouteId = RouteId,
            SectorKeyMaster = keys.SectorKeyMaster,
            MacMaster = keys.MacMaster,
            BackendKeyId = BackendKeyId,
            BackendPublicKey = backend.PublicKey,
            QrKeyId = QrKeyId,
            QrPublicKey = qrIssuer.PublicKey,
        };
        var clock = new SimulatedClock();
        var flash = new SimulatedFlash();
        uint bootSequence = Prepare(provisioning, backend, clock, flash);

        var script = new ReplayScriptWriter();
        foreach (var name in flash.FileNames)
        {
            script.AddFile(name, flash.Peek(name)!);
        }

        var field = new RfField(clock);
        var spi = new RecordingSpiDevice(new Mfrc522Chip(field), script);
        var scanner = new ScannerModel(clock, baudRate: 115200);
        var recordingClock = new RecordingClock(clock, script);
        var terminal = new ReplayTerminal(
            spi, new RecordingSerialPort(scanner, script), recordingClock, recordingClock, flash, new NoUplink(), new ManagedHmacSha256(), provisioning);
        var phases = new List<RecordedPhase>();
        var recorder = new PhaseRecorder(script, terminal, field, spi, phases);

        recorder.Run("boot", ReplayPhaseKind.Boot, bootSequence, null, terminal.Boot);
        var desk = new IssuingDesk(keys);
        var cards = new[] { Card(desk, 7, 0x01, cardType: 0), Card(desk, 4, 0x02, cardType: 0), Card(desk, 7, 0x03, cardType: 1) };
        foreach (var card in cards)
        {
            field.Enter(card);
            recorder.Run($"tap {Convert.ToHexString(card.Uid)}", ReplayPhaseKind.CardTap, null, null, () => (int)terminal.Tap.Poll());
            field.Remove(card);
            recorder.Run("empty field", ReplayPhaseKind.CardTap, null, null, () => (int)terminal.Tap.Poll());
            clock.Advance(SecondsBetweenTaps * 1_000_000);
        }

        var now = (uint)clock.UtcUnixSeconds;
        if (!scanner.Present(qrIssuer.IssueText(new QrTokenFields(70001, 5, now - 5, now + 55))))
        {
            throw new InvalidOperationException("The scanner model did not take the QR code.");
        }

        recorder.Run("qr scan", ReplayPhaseKind.QrScan, null, null, () => (int)terminal.Scan(ReplayRunner.MaxScanPolls, new SimulatedPollPacer(clock)));
        var delta = backend.Sign(DownlinkKind.BlacklistDelta, TerminalId, 1, 2, clock.UtcUnixSeconds, Section(1, 1));
        recorder.Run("blacklist delta", ReplayPhaseKind.Downlink, null, delta, () => (int)terminal.Downlink.Agent.Handle(delta, 0, delta.Length));
        var table = FareTable(backend, 2, clock.UtcUnixSeconds - 86400);
        var fares = backend.Sign(DownlinkKind.FareTable, TerminalId, 1, 2, clock.UtcUnixSeconds, table);
        recorder.Run("fare table", ReplayPhaseKind.Downlink, null, fares, () => (int)terminal.Downlink.Agent.Handle(fares, 0, fares.Length));
        return new RecordedRuns(script.Build(provisioning), phases);
    }

    /// <summary>A first boot over empty flash that takes the fare table and the blacklist; returns the journal's next sequence.</summary>
    private static uint Prepare(ReplayProvisioning provisioning, DownlinkSigner backend, SimulatedClock clock, SimulatedFlash flash)
    {
        var offsetClock = new OffsetClock(clock);
        var prepared = new ReplayTerminal(
            new Mfrc522Chip(new RfField(clock)), new ScannerModel(clock), offsetClock, offsetClock, flash, new NoUplink(), new ManagedHmacSha256(), provisioning);
        prepared.Boot();
        var table = FareTable(backend, 1, clock.UtcUnixSeconds - 86400);
        Applied(prepared.Downlink.Agent, backend.Sign(DownlinkKind.FareTable, TerminalId, 0, 1, clock.UtcUnixSeconds, table), "fare table");
        Applied(prepared.Downlink.Agent, backend.Sign(DownlinkKind.BlacklistSnapshot, TerminalId, 0, 1, clock.UtcUnixSeconds, Section(BlacklistListings, 1000)), "blacklist");
        return prepared.Journal.NextSequence;
    }

    private static void Applied(DownlinkAgent agent, byte[] message, string what)
    {
        var status = agent.Handle(message, 0, message.Length);
        if (status != DownlinkStatus.Applied)
        {
            throw new InvalidOperationException($"The prepared terminal refused the {what}: {status}.");
        }
    }

    private static byte[] FareTable(DownlinkSigner backend, uint version, long validFrom)
    {
        var builder = DemoFareTable.Builder(backend.KeyId, validFrom);
        builder.Version = version;
        return builder.Build(data => backend.Signature(data));
    }

    /// <summary>A blacklist section listing <paramref name="count"/> 7-byte UIDs, numbered from <paramref name="first"/>.</summary>
    private static byte[] Section(int count, int first)
    {
        var changes = new BlacklistChanges();
        for (var n = first; n < first + count; n++)
        {
            changes.ListCard([0x04, (byte)n, (byte)(n >> 8), 0xB1, 0xAC, 0x4C, 0x57], 0, 7, 9);
        }

        var section = new byte[BlacklistBody.SectionLength(changes)];
        BlacklistBody.WriteSection(changes, section, 0);
        return section;
    }

    private static MifareClassicCard Card(IssuingDesk desk, int uidLength, byte serial, int cardType)
    {
        var uid = new byte[uidLength];
        uid[0] = uidLength == 4 ? (byte)0x1A : (byte)0x04;
        uid[1] = 0x52;
        uid[2] = 0x50;
        uid[^1] = serial;
        var card = MifareClassicCard.OneK(uid);
        desk.Issue(card, cardType, EmulatedBus.ExpiryDay, 1000);
        return card;
    }

    /// <summary>Runs one phase with the bus tapped and writes down its outcome, journal records, air time and SPI bytes.</summary>
    private sealed class PhaseRecorder(ReplayScriptWriter script, ReplayTerminal terminal, RfField field, RecordingSpiDevice spi, List<RecordedPhase> phases)
    {
        public void Run(string label, ReplayPhaseKind kind, uint? fromSequence, byte[]? input, Func<int> work)
        {
            var from = fromSequence ?? terminal.Journal.NextSequence;
            var phase = script.StartPhase(kind, from, input);
            field.Statistics.Reset();
            var spiBefore = spi.Bytes;
            var outcome = work();
            var journaled = Journaled(terminal.Journal, from);
            ReplayScriptWriter.EndPhase(phase, outcome, journaled);
            phases.Add(new RecordedPhase(label, kind, outcome, field.Statistics.AirTimeMicroseconds, spi.Bytes - spiBefore, journaled.Length / TxRecordCodec.Size));
        }

        private static byte[] Journaled(Journal journal, uint from)
        {
            var buffer = new byte[TxRecordCodec.Size * 64];
            var count = journal.ReadBatch(from, buffer, 0, 64);
            return buffer.AsSpan(0, count * TxRecordCodec.Size).ToArray();
        }
    }

    /// <summary>The main loop's pace between scanner polls on the host: 1 ms of simulated time, in which the scanner's bytes arrive.</summary>
    private sealed class SimulatedPollPacer(SimulatedClock clock) : IPollPacer
    {
        public void BetweenPolls() => clock.Advance(1_000);
    }
}
