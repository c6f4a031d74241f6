using Terminal.Drivers.Hal;
using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mfrc522;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Scanner;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Card;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Tap;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>
    /// The firmware wired over a board's parts in the order Device/Program.cs boots it (reader, journal, blacklist,
    /// pending loads, keys, fare tables restored from flash, boot event, tap, scanner). The host records a run through
    /// this class and nanoCLR replays it through the same class, so both make the same board calls in the same order.
    /// </summary>
    public sealed class ReplayTerminal
    {
        private const int KeyRingCapacity = 4;

        private readonly ISpiDevice _spi;
        private readonly ISerialPort _serial;
        private readonly IClock _clock;
        private readonly ISettableClock _clockSetter;
        private readonly IStorage _storage;
        private readonly IUplink _link;
        private readonly ReplayProvisioning _provisioning;
        private readonly IHmacSha256 _hashing;

        public ReplayTerminal(
            ISpiDevice spi, ISerialPort serial, IClock clock, ISettableClock clockSetter, IStorage storage, IUplink link, IHmacSha256 hashing, ReplayProvisioning provisioning)
        {
            _hashing = hashing;
            _spi = spi;
            _serial = serial;
            _clock = clock;
            _clockSetter = clockSetter;
            _storage = storage;
            _link = link;
            _provisioning = provisioning;
        }

        public Journal Journal { get; private set; } = null!;

        public TapProcessor Tap { get; private set; } = null!;

        public QrScanProcessor Qr { get; private set; } = null!;

        public DownlinkStack Downlink { get; private set; } = null!;

        /// <summary>How many fare tables the boot restored from flash and verified.</summary>
        public int TablesRestored { get; private set; }

        /// <summary>Boots the firmware; returns the journal's recovery status (as an int, the phase outcome).</summary>
        public int Boot()
        {
            var pcd = new Mfrc522(_spi, _clock);
            pcd.Init();
            Journal = new Journal(_storage);
            JournalStatus opened = Journal.Open();
            var blacklist = new BlacklistStore(_storage);
            blacklist.Open();
            var loads = new PendingLoadList(_storage);
            loads.Open();
            var verifier = new Ed25519Verifier();
            var keys = new QrKeyRing(verifier, KeyRingCapacity);
            keys.TryAdd(_provisioning.BackendKeyId, _provisioning.BackendPublicKey, 0);
            keys.TryAdd(_provisioning.QrKeyId, _provisioning.QrPublicKey, 0);
            var fares = new FareTableStore(new KeyRingSignatureVerifier(keys, verifier));
            var config = new TerminalConfig();
            config.TerminalId = _provisioning.TerminalId;
            config.RouteId = _provisioning.RouteId;
            Downlink = new DownlinkStack(
                _link, _clock, _clockSetter, _storage, Journal, blacklist, loads, fares, keys, verifier,
                _provisioning.BackendKeyId, KeyRingCapacity - 2, config, FirmwareInfo.Version);
            TablesRestored = Downlink.Restore();
            Downlink.Events.Record(TerminalEventCode.Boot, FirmwareInfo.Version);
            var reader = new Iso14443aReader(pcd);
            var session = new CardSession(reader, new MifareClassic(pcd), new CardKeyring(_provisioning.SectorKeyMaster, _provisioning.MacMaster, _hashing));
            Tap = new TapProcessor(reader, session, blacklist, loads, fares, Journal, _clock, config);
            Tap.RecoverPendingWrite();
            var scanner = new QrScanner(_serial, _clock, CodeTerminator.CarriageReturn);
            var tokens = new QrTokenVerifier(_clock, keys, verifier, new UsedTokenSet(UsedTokenSet.TerminalCapacity));
            Qr = new QrScanProcessor(scanner, tokens, fares, Journal, _clock, config);
            return (int)opened;
        }

        /// <summary>The main loop's scanner polls for one shown code, at most <paramref name="maxPolls"/>; NoCard when no verdict came.</summary>
        public TapOutcome Scan(int maxPolls, IPollPacer pacer)
        {
            for (int poll = 0; poll < maxPolls; poll++)
            {
                TapOutcome outcome = Qr.Poll();
                if (outcome != TapOutcome.NoCard)
                {
                    return outcome;
                }

                pacer.BetweenPolls();
            }

            return TapOutcome.NoCard;
        }
    }
}
