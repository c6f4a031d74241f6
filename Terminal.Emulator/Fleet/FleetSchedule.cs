namespace Terminal.Emulator.Fleet;

/// <summary>A command given at a time into the run: the scripted form of typing it on stdin.</summary>
public sealed record ScheduledOrder(TimeSpan At, FleetOrder Order);

/// <summary>
/// The <c>--schedule</c> option: entries <c>&lt;seconds&gt;:&lt;command&gt;</c> separated by ';', e.g.
/// <c>20:cut 2; 45:restore 2; 50:restart-broker; 70:power 4</c>; seconds of real time from the start of the run.
/// </summary>
public static class FleetSchedule
{
    public static bool TryParse(string? text, int busCount, out IReadOnlyList<ScheduledOrder> schedule, out string error)
    {
        var entries = new List<ScheduledOrder>();
        schedule = entries;
        error = "";
        foreach (var entry in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':');
            if (colon < 0 || !double.TryParse(entry[..colon], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                || seconds < 0 || double.IsInfinity(seconds))
            {
                error = $"schedule entry '{entry}' is not '<seconds>:<command>' (e.g. '20:cut 2')";
                return false;
            }

            if (!FleetOrderParser.TryParse(entry[(colon + 1)..], busCount, out var order, out var orderError))
            {
                error = $"schedule entry '{entry}': {orderError}";
                return false;
            }

            entries.Add(new ScheduledOrder(TimeSpan.FromSeconds(seconds), order));
        }

        entries.Sort((a, b) => a.At.CompareTo(b.At));
        return true;
    }

    /// <summary>The main job's faults, spread over a run of <paramref name="runTime"/>: a network cut and its repair, a broker restart, a power cycle.</summary>
    public static IReadOnlyList<ScheduledOrder> Demonstration(TimeSpan runTime, int busCount) =>
    [
        new(runTime * 0.2, new FleetOrder(FleetOrderKind.Cut, Math.Min(2, busCount))),
        new(runTime * 0.45, new FleetOrder(FleetOrderKind.RestartBroker)),
        new(runTime * 0.55, new FleetOrder(FleetOrderKind.Restore, Math.Min(2, busCount))),
        new(runTime * 0.7, new FleetOrder(FleetOrderKind.Power, Math.Min(3, busCount))),
    ];
}
