using System.Diagnostics;
using Terminal.Drivers.Hal;

namespace Terminal.Emulator.Board;

/// <summary>
/// Real time for the parts of an emulated terminal that talk to real servers: the sync agent's ack timeout and
/// reconnect back-off run against a real broker and database, so they wait in real time even when the
/// passengers' day is compressed on the terminal's <see cref="Terminal.Simulation.Timing.SimulatedClock"/>.
/// </summary>
public sealed class HostClock : IClock
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public long MonotonicMicroseconds => _since.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;

    public long UtcUnixSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public void Delay(int microseconds) => Thread.Sleep(TimeSpan.FromMicroseconds(microseconds));
}
