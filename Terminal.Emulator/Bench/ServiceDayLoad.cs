using Terminal.Emulator.Fleet;

namespace Terminal.Emulator.Bench;

/// <summary>
/// How busy a bus is through the service day (05:00 to 23:00, <see cref="ServiceDay"/>) of `bench day`: a morning
/// peak (08:00) and an evening peak (17:30) over a thinner all-day flow, as the fleet's <see cref="Ridership"/> has
/// them, given as a share of the morning peak's tap rate (1 at 08:00).
/// </summary>
public static class ServiceDayLoad
{
    /// <summary>From this share of the peak's rate on, a moment counts as peak: its acks are the figures' "at peak".</summary>
    public const double PeakShare = 0.8;

    public static double Intensity(double hour) =>
        Math.Min(1, 0.12 + (0.88 * Bump(hour, 8.0, 0.8)) + (0.8 * Bump(hour, 17.5, 1.0)));

    public static bool IsPeak(double hour) => Intensity(hour) >= PeakShare;

    /// <summary>The hour of the day after <paramref name="elapsed"/> of a day compressed into <paramref name="runTime"/>.</summary>
    public static double HourAt(TimeSpan elapsed, TimeSpan runTime) =>
        (ServiceDay.FirstDepartureSeconds + (Math.Clamp(elapsed / runTime, 0, 1) * (ServiceDay.LastArrivalSeconds - ServiceDay.FirstDepartureSeconds))) / 3600.0;

    private static double Bump(double hour, double mean, double deviation) => Math.Exp(-0.5 * Math.Pow((hour - mean) / deviation, 2));
}
