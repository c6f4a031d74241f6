using Terminal.Drivers.Hal;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Tap;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// The terminal's side of configuration and status, built once at boot over the stores the tap path uses: give
    /// <see cref="Router"/> to the SyncAgent as its link, call <see cref="Restore"/> once, then <see cref="Step"/>
    /// after the SyncAgent in every main-loop pass.
    /// </summary>
    public sealed class DownlinkStack
    {
        private readonly IClock _clock;
        private readonly FareTableStore _fares;

        public DownlinkStack(
            IUplink link, IClock clock, ISettableClock clockSetter, IStorage storage, Journal.Journal journal, BlacklistStore blacklist,
            PendingLoadList loads, FareTableStore fares, QrKeyRing keys, Ed25519Verifier verifier, int anchorKeyId, int maxDownloadedKeys, TerminalConfig config, uint firmwareVersion)
        {
            _clock = clock;
            _fares = fares;
            uint terminalId = (uint)config.TerminalId;
            Router = new DownlinkRouter(link, terminalId);
            Keys = new KeySet(storage, keys, verifier, anchorKeyId, maxDownloadedKeys);
            Time = new TimeSync(storage, clock, clockSetter);
            FareFiles = new FareTableFiles(storage);
            Events = new TerminalEvents(journal, clock, config);
            Status = new StatusReporter(Router, terminalId, firmwareVersion, clock, journal, fares, blacklist, loads, Keys);
            Agent = new DownlinkAgent(Router, terminalId, clock, keys, verifier, fares, FareFiles, blacklist, loads, journal, Keys, Time, Events, Status);
        }

        /// <summary>The link the SyncAgent must use: it keeps config messages for the agent.</summary>
        public DownlinkRouter Router { get; }

        public DownlinkAgent Agent { get; }

        public StatusReporter Status { get; }

        public KeySet Keys { get; }

        public TimeSync Time { get; }

        public FareTableFiles FareFiles { get; }

        public TerminalEvents Events { get; }

        /// <summary>
        /// At boot, in this order: the downloaded keys (later tables may be signed with them), the clock floor (the
        /// fare store decides in force or pending by the time), then the kept fare tables. Returns how many tables the store took.
        /// </summary>
        public int Restore()
        {
            Keys.Restore();
            Time.Restore();
            return FareFiles.Restore(_fares, _clock.UtcUnixSeconds);
        }

        public void Step()
        {
            Agent.Step();
            Status.Step();
        }
    }
}
