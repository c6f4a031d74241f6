using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Downlink
{
    /// <summary>A board clock whose wall time the backend's time messages correct by an offset kept in RAM; the monotonic tick is the board's.</summary>
    public sealed class OffsetClock : IClock, ISettableClock
    {
        private readonly IClock _board;
        private long _offsetSeconds;

        public OffsetClock(IClock board)
        {
            _board = board;
        }

        public long MonotonicMicroseconds
        {
            get { return _board.MonotonicMicroseconds; }
        }

        public long UtcUnixSeconds
        {
            get { return _board.UtcUnixSeconds + _offsetSeconds; }
        }

        public void Delay(int microseconds)
        {
            _board.Delay(microseconds);
        }

        public void SetUtcUnixSeconds(long unixSeconds)
        {
            _offsetSeconds = unixSeconds - _board.UtcUnixSeconds;
        }
    }
}
