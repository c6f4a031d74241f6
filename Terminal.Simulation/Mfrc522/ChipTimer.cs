namespace Terminal.Simulation.Mfrc522;

/// <summary>
/// The MFRC522 timer (datasheet §8.5): counts down from TReload at 13.56 MHz / divisor and raises
/// TimerIRq when it reaches zero, (TReload + 1) ticks after the start. Evaluated lazily against
/// simulated time, so nothing sleeps.
/// </summary>
internal sealed class ChipTimer
{
    /// <summary>Carrier cycles per 100 µs (13.56 MHz).</summary>
    private const long CarrierCyclesPer100Microseconds = 1356;

    private long _startedAt;
    private int _reload;
    private int _divisor = 1;
    private bool _autoRestart;
    private int _stoppedValue;

    public bool Running { get; private set; }

    /// <summary>True when TAuto started this run at the end of a transmission, so ending the command stops it.</summary>
    public bool StartedByTransmission { get; private set; }

    /// <summary>The timer period (TReload + 1 ticks) in whole microseconds, rounded up.</summary>
    public static long PeriodMicroseconds(int divisor, int reload) =>
        ((long)divisor * (reload + 1) * 100 + CarrierCyclesPer100Microseconds - 1) / CarrierCyclesPer100Microseconds;

    public long? ExpiresAt => Running ? _startedAt + PeriodMicroseconds(_divisor, _reload) : null;

    public void Start(long now, int divisor, int reload, bool autoRestart, bool byTransmission)
    {
        _startedAt = now;
        _divisor = divisor;
        _reload = reload;
        _autoRestart = autoRestart;
        StartedByTransmission = byTransmission;
        Running = true;
    }

    public void Stop(long now)
    {
        if (Running)
        {
            _stoppedValue = Counter(now);
            Running = false;
        }
    }

    /// <summary>Advances to <paramref name="now"/>; true when the counter reached zero since the last call.</summary>
    public bool Update(long now)
    {
        if (ExpiresAt is not { } expiry || now < expiry)
        {
            return false;
        }

        if (_autoRestart)
        {
            var period = PeriodMicroseconds(_divisor, _reload);
            _startedAt += (now - _startedAt) / period * period;
        }
        else
        {
            Running = false;
            _stoppedValue = 0;
        }

        return true;
    }

    /// <summary>TCounterValReg: the value counted down to at <paramref name="now"/>.</summary>
    public int Counter(long now)
    {
        if (!Running)
        {
            return _stoppedValue;
        }

        // A start scheduled for the end of a frame still on the air has not counted yet.
        var ticks = Math.Max(0, now - _startedAt) * CarrierCyclesPer100Microseconds / (100L * _divisor);
        return (int)Math.Max(0, _reload - ticks);
    }
}
