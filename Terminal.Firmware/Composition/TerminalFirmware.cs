using System;
using Terminal.Drivers.Indicators;
using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mfrc522;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Drivers.Scanner;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Card;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Sync;
using Terminal.Firmware.Tap;

namespace Terminal.Firmware.Composition
{
    /// <summary>
    /// The one composition root of the terminal: builds the firmware's object graph over a <see cref="TerminalBoard"/>
    /// (the ESP32 entry point and the nanoCLR replay boot through it) and runs its
    /// main loop one pass at a time. A pass never throws: a failure is counted and shown as a fault, and the next pass
    /// carries on, because a bus must keep taking fares where it safely can.
    /// </summary>
    public sealed class TerminalFirmware
    {
        public const int KeyRingCapacity = 4;

        private readonly TerminalBoard _board;
        private TerminalLoop? _loop;
        private TerminalStatus _notServing;

        public TerminalFirmware(TerminalBoard board)
        {
            _board = board;
            Messages = new MessageTable();
            BuiltInTranslations.AddTo(Messages);
            Panel = new IndicatorPanel(board.GreenLed, board.RedLed, board.AmberLed, board.Buzzer, board.Display, Messages);
        }

        public MessageTable Messages { get; }

        public IndicatorPanel Panel { get; }

        /// <summary>What the last <see cref="Boot"/> found.</summary>
        public TerminalBootReport Report { get; private set; } = new TerminalBootReport();

        public TerminalConfig Config { get; private set; } = new TerminalConfig();

        public Journal.Journal Journal { get; private set; } = null!;

        public BlacklistStore Blacklist { get; private set; } = null!;

        public PendingLoadList Loads { get; private set; } = null!;

        public QrKeyRing KeyRing { get; private set; } = null!;

        public FareTableStore Fares { get; private set; } = null!;

        public TapProcessor Tap { get; private set; } = null!;

        public QrScanProcessor Qr { get; private set; } = null!;

        public DownlinkStack Downlink { get; private set; } = null!;

        public SyncAgent Sync { get; private set; } = null!;

        /// <summary>How many passes of <see cref="Step"/> failed since boot.</summary>
        public int Faults { get; private set; }

        /// <summary>The failure of the last faulted pass, for the board's log; null when none failed.</summary>
        public Exception? LastFault { get; private set; }

        /// <summary>
        /// Reads the provisioning file, starts the reader chip, recovers the journal, opens the blacklist and the
        /// pending loads, restores keys and fare tables from flash and journals the boot. Without keys or a reader the
        /// terminal only shows why it is out of service: the parts that take fares are built only when both are there.
        /// </summary>
        public TerminalBootReport Boot()
        {
            var report = new TerminalBootReport();
            Report = report;
            _loop = null;
            Faults = 0;
            LastFault = null;
            var provisioning = new TerminalProvisioning();
            report.Provisioning = provisioning.Load(_board.Storage);
            var pcd = new Mfrc522(_board.ReaderBus, _board.Clock);
            report.Reader = pcd.Init();
            Journal = new Journal.Journal(_board.Storage);
            report.Journal = Journal.Open();
            report.JournalUnacknowledged = Journal.LastSequence - Journal.AcknowledgedUpTo;
            report.JournalNextSequence = Journal.NextSequence;
            Blacklist = new BlacklistStore(_board.Storage);
            report.Blacklist = Blacklist.Open();
            Loads = new PendingLoadList(_board.Storage);
            Loads.Open();
            if (!report.Serving)
            {
                _notServing = report.KeysPresent ? TerminalStatus.OutOfService() : TerminalStatus.Unprovisioned();
                Panel.Show(_notServing, _board.Clock);
                return report;
            }

            var verifier = new Ed25519Verifier();
            KeyRing = new QrKeyRing(verifier, KeyRingCapacity);
            KeyRing.TryAdd(provisioning.BackendKeyId, provisioning.BackendPublicKey, 0);
            int downloadable = KeyRingCapacity - 1;
            if (_board.PinnedPublicKey != null)
            {
                KeyRing.TryAdd(_board.PinnedKeyId, _board.PinnedPublicKey, 0);
                downloadable--;
            }

            Fares = new FareTableStore(new KeyRingSignatureVerifier(KeyRing, verifier));
            var config = new TerminalConfig();
            config.TerminalId = provisioning.TerminalId;
            config.RouteId = provisioning.RouteId;
            Config = config;
            uint terminalId = (uint)provisioning.TerminalId;
            Downlink = new DownlinkStack(
                _board.OpenUplink(terminalId), _board.NetworkClock, _board.ClockSetter, _board.Storage, Journal, Blacklist, Loads, Fares, KeyRing, verifier,
                provisioning.BackendKeyId, downloadable, config, FirmwareInfo.Version);
            report.FareTablesRestored = Downlink.Restore();
            Downlink.Events.Record(TerminalEventCode.Boot, FirmwareInfo.Version);
            Sync = new SyncAgent(Downlink.Router, Journal, _board.NetworkClock, terminalId);
            var reader = new Iso14443aReader(pcd);
            var session = new CardSession(reader, new MifareClassic(pcd), new CardKeyring(provisioning.SectorKeyMaster, provisioning.MacMaster, _board.Hashing));
            Tap = new TapProcessor(reader, session, Blacklist, Loads, Fares, Journal, _board.Clock, config);
            Tap.RecoverPendingWrite();
            var scanner = new QrScanner(_board.ScannerPort, _board.Clock, CodeTerminator.CarriageReturn);
            var tokens = new QrTokenVerifier(_board.Clock, KeyRing, verifier, new UsedTokenSet(UsedTokenSet.TerminalCapacity));
            Qr = new QrScanProcessor(scanner, tokens, Fares, Journal, _board.Clock, config);
            _loop = new TerminalLoop(Tap, Qr, Journal, Fares, Panel, Messages, _board.Clock);
            report.BlacklistVersion = Blacklist.Version;
            FareTable? table = Fares.Current;
            report.FareTableVersion = table == null ? 0 : table.Version;
            return report;
        }

        /// <summary>
        /// One pass of the main loop: a card or a code, the upload, and (only while no passenger is at the reader) the
        /// downlink. Never throws: a failure shows the fault for <see cref="IndicatorPanel.FaultHoldMicroseconds"/>
        /// while the passes go on, so a result replaces it as soon as a tap succeeds. NoCard when nothing was taken.
        /// </summary>
        public TapOutcome Step()
        {
            try
            {
                if (_loop == null)
                {
                    Panel.Show(_notServing, _board.Clock);
                    Panel.Tick(_board.Clock);
                    return TapOutcome.NoCard;
                }

                TapOutcome outcome = _loop.Step();
                Sync.Step();
                if (outcome == TapOutcome.NoCard)
                {
                    // A downlink message may cost seconds of signature work: never while a passenger is at the reader.
                    Downlink.Step();
                }

                return outcome;
            }
            catch (Exception failure)
            {
                Faults++;
                LastFault = failure;
                ShowFault();
                return TapOutcome.NoCard;
            }
        }

        /// <summary>Shows the fault; a display that fails too leaves only the count, which is all that is left to do.</summary>
        private void ShowFault()
        {
            try
            {
                Panel.Show(TerminalStatus.Fault(), _board.Clock);
            }
            catch (Exception)
            {
                // The display is the part that failed: the LEDs may not have changed either, and nothing else can show it.
            }
        }
    }
}
