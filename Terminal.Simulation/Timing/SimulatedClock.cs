using Terminal.Drivers.Hal;

namespace Terminal.Simulation.Timing;

/// <summary>
/// Simulated time for one terminal. Nothing sleeps: the models advance it by the time
/// their work takes (air time, SPI bytes, flash writes), and <see cref="Delay"/> jumps ahead.
/// </summary>
public sealed class SimulatedClock(long startUnixSeconds = 1_767_225_600) : IClock
{
    private long _microseconds;

    public long MonotonicMicroseconds => _microseconds;

    public long UtcUnixSeconds => startUnixSeconds + _microseconds / 1_000_000;

    public void Delay(int microseconds) => Advance(microseconds);

    public void Advance(long microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        _microseconds += microseconds;
    }
}
