namespace Terminal.Drivers.Hal
{
    /// <summary>
    /// Time as the firmware needs it: a monotonic tick for timeouts, and the wall
    /// clock (set by the backend's time sync) for fares and journals.
    /// </summary>
    public interface IClock
    {
        /// <summary>Microseconds since boot; never goes back.</summary>
        long MonotonicMicroseconds { get; }

        /// <summary>Seconds since 1970-01-01 UTC as last synchronised.</summary>
        long UtcUnixSeconds { get; }

        /// <summary>Waits; on the host this advances simulated time.</summary>
        void Delay(int microseconds);
    }
}
