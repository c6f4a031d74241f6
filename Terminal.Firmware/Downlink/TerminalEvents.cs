using Terminal.Drivers.Hal;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;

namespace Terminal.Firmware.Downlink
{
    /// <summary>Journals terminal events (<see cref="TerminalEventCode"/>) with the terminal's route, reusing one record.</summary>
    public sealed class TerminalEvents
    {
        private readonly Journal.Journal _journal;
        private readonly IClock _clock;
        private readonly TerminalConfig _config;
        private readonly TxRecord _record = new TxRecord();

        public TerminalEvents(Journal.Journal journal, IClock clock, TerminalConfig config)
        {
            _journal = journal;
            _clock = clock;
            _config = config;
        }

        public JournalStatus Record(TerminalEventCode code, uint value)
        {
            _record.Clear();
            _record.Kind = TxKind.TerminalEvent;
            _record.Timestamp = (uint)_clock.UtcUnixSeconds;
            _record.EventCode = (int)code;
            _record.EventValue = value;
            _record.Route = _config.RouteId;
            return _journal.Append(_record);
        }
    }
}
