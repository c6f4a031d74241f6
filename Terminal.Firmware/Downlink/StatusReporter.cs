using Terminal.Drivers.Hal;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Fares;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// Publishes the terminal's status (<see cref="StatusCodec"/>), retained, on its status topic: right after each
    /// connection (replacing the "offline" last will the broker may have published), every
    /// <see cref="IntervalMicroseconds"/> as a heartbeat, and soon after a downlink message changed a version, so the
    /// backend plans the next step of a catch-up from what the terminal really holds.
    /// </summary>
    public sealed class StatusReporter
    {
        public const long IntervalMicroseconds = 60000000;

        private readonly DownlinkRouter _uplink;
        private readonly uint _terminalId;
        private readonly uint _firmwareVersion;
        private readonly IClock _clock;
        private readonly Journal.Journal _journal;
        private readonly FareTableStore _fares;
        private readonly BlacklistStore _blacklist;
        private readonly KeySet _keys;
        private readonly PendingLoadList _loads;
        private readonly string _topic;
        private readonly TerminalStatusReport _report = new TerminalStatusReport();
        private readonly byte[] _payload = new byte[StatusCodec.Size];
        private int _reportedConnection = -1;
        private bool _requested;
        private long _nextAt;

        public StatusReporter(DownlinkRouter uplink, uint terminalId, uint firmwareVersion, IClock clock, Journal.Journal journal, FareTableStore fares, BlacklistStore blacklist, PendingLoadList loads, KeySet keys)
        {
            _uplink = uplink;
            _terminalId = terminalId;
            _firmwareVersion = firmwareVersion;
            _clock = clock;
            _journal = journal;
            _fares = fares;
            _blacklist = blacklist;
            _keys = keys;
            _loads = loads;
            _topic = DownlinkTopics.Status(terminalId);
        }

        public int Published { get; private set; }

        /// <summary>Asks for a status at the next <see cref="Step"/>.</summary>
        public void RequestSoon()
        {
            _requested = true;
        }

        /// <summary>Fills <paramref name="report"/> with what the terminal holds now.</summary>
        public void Describe(TerminalStatusReport report)
        {
            report.TerminalId = _terminalId;
            report.Online = true;
            report.FirmwareVersion = _firmwareVersion;
            report.FareTableVersion = DownlinkAgent.HeldFareTableVersion(_fares);
            report.BlacklistVersion = _blacklist.Version;
            report.KeysVersion = _keys.Version;
            report.PendingLoadsVersion = _loads.Version;
            report.JournalBacklog = _journal.LastSequence - _journal.AcknowledgedUpTo;
            report.AcknowledgedUpTo = _journal.AcknowledgedUpTo;
            report.NextSequence = _journal.NextSequence;
            report.ClockUnixSeconds = _clock.UtcUnixSeconds;
            report.UptimeSeconds = (uint)(_clock.MonotonicMicroseconds / 1000000);
        }

        /// <summary>One pass from the main loop; the sync agent keeps the link up.</summary>
        public void Step()
        {
            if (!_uplink.IsConnected)
            {
                return;
            }

            long now = _clock.MonotonicMicroseconds;
            if (_reportedConnection == _uplink.Connections && !_requested && now < _nextAt)
            {
                return;
            }

            Describe(_report);
            StatusCodec.Encode(_report, _payload, 0);
            if (_uplink.Publish(_topic, _payload, 0, StatusCodec.Size, true))
            {
                Published++;
                _reportedConnection = _uplink.Connections;
                _requested = false;
                _nextAt = now + IntervalMicroseconds;
            }
        }
    }
}
