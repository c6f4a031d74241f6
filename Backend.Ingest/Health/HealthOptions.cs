namespace Backend.Ingest.Health;

/// <summary>Backend:Health: the thresholds of the readiness checks (docs/monitoring.md).</summary>
public sealed class HealthOptions
{
    public const string Section = "Backend:Health";

    /// <summary>How long one check may take before it counts as failed (a database that hangs is as bad as one that refuses).</summary>
    public int ProbeTimeoutSeconds { get; set; } = 5;

    /// <summary>The oldest batch received but not yet committed and acknowledged may be this old before ingest counts as lagging.</summary>
    public int MaxIngestLagSeconds { get; set; } = 30;

    /// <summary>Below this much free space on the data folder's disk the backend is degraded (time to act).</summary>
    public long DiskWarningMegabytes { get; set; } = 1024;

    /// <summary>Below this much free space it is unready: the database is about to refuse writes.</summary>
    public long DiskMinimumMegabytes { get; set; } = 100;
}
