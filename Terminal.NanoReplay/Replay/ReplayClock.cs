using Terminal.Drivers.Hal;
using Terminal.Firmware.Downlink;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>The board clock as recorded: every reading returns the recorded value, every delay and set is checked.</summary>
    public sealed class ReplayClock : IClock, ISettableClock
    {
        private readonly ReplayCursor _cursor;

        public ReplayClock(ReplayCursor cursor)
        {
            _cursor = cursor;
        }

        public long MonotonicMicroseconds
        {
            get { return _cursor.Monotonic(); }
        }

        public long UtcUnixSeconds
        {
            get { return _cursor.WallClock(); }
        }

        public void Delay(int microseconds)
        {
            _cursor.Delay(microseconds);
        }

        public void SetUtcUnixSeconds(long unixSeconds)
        {
            _cursor.ClockSet(unixSeconds);
        }
    }
}
