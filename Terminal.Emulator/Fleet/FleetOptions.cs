namespace Terminal.Emulator.Fleet;

/// <summary>How big a fleet, how long its compressed day, how many boardings per bus, and the faults to script.</summary>
public sealed record FleetOptions
{
    public int Buses { get; init; } = 5;

    /// <summary>Real time the service day (05:00-23:00) is compressed into.</summary>
    public TimeSpan RunTime { get; init; } = TimeSpan.FromMinutes(2);

    public int BoardingsPerBus { get; init; } = 400;

    public int Seed { get; init; } = 1;

    public IReadOnlyList<ScheduledOrder> Schedule { get; init; } = [];

    /// <summary>How long after the day the fleet waits for every journal to be acknowledged before it tallies.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a line of what the backend stored so far is printed; zero for never.</summary>
    public TimeSpan ReportEvery { get; init; } = TimeSpan.FromSeconds(5);
}
