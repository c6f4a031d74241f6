namespace Terminal.Simulation.Rf;

/// <summary>
/// What went over the air since the last <see cref="Reset"/>. <see cref="AirTimeMicroseconds"/> is
/// what the exchanges took; <see cref="MinimumAirTimeMicroseconds"/> is what the same frames would
/// have taken with the shortest waits the standard allows (a reply cannot come sooner than it did;
/// a silence needs only its required length, see <see cref="AirTime.MinimumSilenceMicroseconds"/>).
/// Both include the reader guard after every exchange.
/// </summary>
public sealed class RfStatistics
{
    /// <summary>Reader frames sent (MFAuthent sends two).</summary>
    public long Frames { get; private set; }

    public long ReaderBytes { get; private set; }

    public long CardBytes { get; private set; }

    public double AirTimeMicroseconds { get; private set; }

    public double MinimumAirTimeMicroseconds { get; private set; }

    public void Reset()
    {
        Frames = 0;
        ReaderBytes = 0;
        CardBytes = 0;
        AirTimeMicroseconds = 0;
        MinimumAirTimeMicroseconds = 0;
    }

    internal void Record(int readerBits, int cardBits, double microseconds, double minimumMicroseconds)
    {
        Frames++;
        ReaderBytes += (readerBits + 7) / 8;
        CardBytes += (cardBits + 7) / 8;
        AirTimeMicroseconds += microseconds;
        MinimumAirTimeMicroseconds += minimumMicroseconds;
    }
}
