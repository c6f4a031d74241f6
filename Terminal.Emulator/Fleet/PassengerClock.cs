namespace Terminal.Emulator.Fleet;

/// <summary>
/// Where the fleet's passengers are in time, for the backend's QR issuance: the real clock until a fleet's day
/// follows it, then that day's compressed clock. The buses run the service day on simulated clocks hundreds of
/// times faster than real time, while a token lives at most 10 minutes; dated by the real clock, a token would be
/// hours off the bus that reads it. Only the QR issuance takes this clock (registered under
/// <see cref="Backend.Ingest.Qr.QrTokenIssuance.ClockKey"/>); the rest of the backend keeps the real one.
/// </summary>
public sealed class PassengerClock : TimeProvider
{
    private Func<long>? _unixSeconds;

    /// <summary>From now on the clock reads <paramref name="unixSeconds"/>, the fleet's passenger time.</summary>
    public void Follow(Func<long> unixSeconds) => Volatile.Write(ref _unixSeconds, unixSeconds);

    public override DateTimeOffset GetUtcNow() =>
        Volatile.Read(ref _unixSeconds) is { } passengerTime ? DateTimeOffset.FromUnixTimeSeconds(passengerTime()) : System.GetUtcNow();
}
