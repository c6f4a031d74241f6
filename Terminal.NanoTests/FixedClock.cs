using Terminal.Drivers.Hal;
using Terminal.Firmware.Downlink;

namespace Terminal.NanoTests
{
    /// <summary>A clock the test (or a downlink time message) sets: wall time in unix seconds, monotonic time advanced only by delays.</summary>
    public sealed class FixedClock : IClock, ISettableClock
    {
        private long _microseconds;

        public FixedClock(long unixSeconds)
        {
            UtcUnixSeconds = unixSeconds;
        }

        public long MonotonicMicroseconds
        {
            get { return _microseconds; }
        }

        public long UtcUnixSeconds { get; set; }

        public void Delay(int microseconds)
        {
            _microseconds += microseconds;
        }

        public void SetUtcUnixSeconds(long unixSeconds)
        {
            UtcUnixSeconds = unixSeconds;
        }
    }
}
