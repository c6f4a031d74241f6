using Terminal.Drivers.Hal;
using Terminal.Firmware.Downlink;

namespace Terminal.Emulator.Replay;

/// <summary>The board clock as the firmware sees it (settable through an <see cref="OffsetClock"/>), every reading, delay and set written down.</summary>
public sealed class RecordingClock(IClock board, ReplayScriptWriter script) : IClock, ISettableClock
{
    private readonly OffsetClock _clock = new(board);

    public long MonotonicMicroseconds
    {
        get
        {
            var value = _clock.MonotonicMicroseconds;
            script.Monotonic(value);
            return value;
        }
    }

    public long UtcUnixSeconds
    {
        get
        {
            var value = _clock.UtcUnixSeconds;
            script.WallClock(value);
            return value;
        }
    }

    public void Delay(int microseconds)
    {
        script.Delay(microseconds);
        _clock.Delay(microseconds);
    }

    public void SetUtcUnixSeconds(long unixSeconds)
    {
        script.ClockSet(unixSeconds);
        _clock.SetUtcUnixSeconds(unixSeconds);
    }
}
