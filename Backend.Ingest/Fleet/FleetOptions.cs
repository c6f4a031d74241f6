namespace Backend.Ingest.Fleet;

/// <summary>Configuration section <c>Backend:Fleet</c>: the terminals' heartbeat and how many may be missed.</summary>
public sealed class FleetOptions
{
    public const string Section = "Backend:Fleet";

    /// <summary>How often an online terminal republishes its status.</summary>
    public int HeartbeatSeconds { get; set; } = 60;

    /// <summary>Heartbeats that may go missing before a terminal that last said "online" counts as offline.</summary>
    public int MissedHeartbeats { get; set; } = 3;

    public TimeSpan OnlineWindow => TimeSpan.FromSeconds((long)HeartbeatSeconds * MissedHeartbeats);
}
