namespace Backend.Ingest.Dashboard;

/// <summary>Configuration section <c>Backend:Dashboard</c>: when the dashboard raises an alarm about a terminal.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Backend:Dashboard";

    /// <summary>A backlog this large (records not yet acknowledged) that grew since its mark is an alarm; below it, a bus is just between uploads.</summary>
    public int BacklogAlarmRecords { get; set; } = 50;

    /// <summary>A terminal online this long after a fare table or blacklist version was published, still without it, is stale.</summary>
    public int StaleMinutes { get; set; } = 15;

    /// <summary>A terminal clock further than this from the backend's is an alarm (time sync corrects anything above 2 s at each status).</summary>
    public int ClockDriftSeconds { get; set; } = 30;
}
