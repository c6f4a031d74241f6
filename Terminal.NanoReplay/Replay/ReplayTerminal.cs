using Terminal.Drivers.Hal;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>
    /// The firmware booted through its composition root (<see cref="TerminalFirmware"/>) over a replay board: the reader
    /// chip's SPI bus, the scanner's UART, the clock, the flash and unwatched indicators. The host records a run through
    /// this class and nanoCLR replays it through the same class, so both make the same board calls in the same order.
    /// </summary>
    public sealed class ReplayTerminal
    {
        private readonly IStorage _storage;
        private readonly ReplayProvisioning _provisioning;
        private readonly TerminalFirmware _firmware;

        public ReplayTerminal(
            ISpiDevice spi, ISerialPort serial, IClock clock, ISettableClock clockSetter, IStorage storage, IUplink link, IHmacSha256 hashing, ReplayProvisioning provisioning)
        {
            _storage = storage;
            _provisioning = provisioning;
            var indicators = new UnwatchedIndicators();
            var board = new TerminalBoard();
            board.ReaderBus = spi;
            board.ScannerPort = serial;
            board.GreenLed = indicators;
            board.RedLed = indicators;
            board.AmberLed = indicators;
            board.Buzzer = indicators;
            board.Display = indicators;
            board.Storage = storage;
            board.Clock = clock;
            board.NetworkClock = clock;
            board.ClockSetter = clockSetter;
            board.Hashing = hashing;
            board.Uplink = link;
            board.PinnedKeyId = provisioning.QrKeyId;
            board.PinnedPublicKey = provisioning.QrPublicKey;
            _firmware = new TerminalFirmware(board);
        }

        public Journal Journal
        {
            get { return _firmware.Journal; }
        }

        public TapProcessor Tap
        {
            get { return _firmware.Tap; }
        }

        public QrScanProcessor Qr
        {
            get { return _firmware.Qr; }
        }

        public DownlinkStack Downlink
        {
            get { return _firmware.Downlink; }
        }

        /// <summary>How many fare tables the boot restored from flash and verified.</summary>
        public int TablesRestored
        {
            get { return _firmware.Report.FareTablesRestored; }
        }

        /// <summary>
        /// Provisions the flash with the run's identity and keys (as the provisioning tool does) and boots the firmware;
        /// returns the journal's recovery status (as an int, the phase outcome).
        /// </summary>
        public int Boot()
        {
            var file = new TerminalProvisioning();
            file.TerminalId = _provisioning.TerminalId;
            file.RouteId = _provisioning.RouteId;
            file.BackendKeyId = _provisioning.BackendKeyId;
            System.Array.Copy(_provisioning.BackendPublicKey, file.BackendPublicKey, TerminalProvisioning.SecretSize);
            System.Array.Copy(_provisioning.SectorKeyMaster, file.SectorKeyMaster, TerminalProvisioning.SecretSize);
            System.Array.Copy(_provisioning.MacMaster, file.MacMaster, TerminalProvisioning.SecretSize);
            byte[] encoded = file.Encode();
            _storage.Replace(TerminalProvisioning.FileName, encoded, 0, encoded.Length);
            return (int)_firmware.Boot().Journal;
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
