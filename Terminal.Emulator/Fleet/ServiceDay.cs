namespace Terminal.Emulator.Fleet;

/// <summary>
/// The buses' service day, 05:00 to 23:00, compressed into <see cref="RunTime"/> of real time: where the
/// passengers' clock stands after a given real time. Every bus's simulated clock is driven to this time.
/// </summary>
public sealed class ServiceDay
{
    public const long FirstDepartureSeconds = 5 * 3600;
    public const long LastArrivalSeconds = 23 * 3600;

    public ServiceDay(long midnightUnixSeconds, TimeSpan runTime)
    {
        if (runTime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(runTime), "The day must last some real time.");
        }

        Start = midnightUnixSeconds + FirstDepartureSeconds;
        End = midnightUnixSeconds + LastArrivalSeconds;
        RunTime = runTime;
    }

    /// <summary>The service day on the UTC date of <paramref name="now"/>: the fleet runs today, so the backend's "today" shows its fares.</summary>
    public static ServiceDay OnTheDateOf(DateTimeOffset now, TimeSpan runTime)
    {
        long seconds = now.ToUnixTimeSeconds();
        return new ServiceDay(seconds - (seconds % 86400), runTime);
    }

    /// <summary>Unix seconds of the first departure.</summary>
    public long Start { get; }

    public long End { get; }

    public TimeSpan RunTime { get; }

    /// <summary>Simulated seconds per real second.</summary>
    public double Scale => (End - Start) / RunTime.TotalSeconds;

    public long At(TimeSpan elapsed) => elapsed >= RunTime ? End : Start + (long)(elapsed.TotalSeconds * Scale);

    public static string Clock(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("HH:mm");
}
