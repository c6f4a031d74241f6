namespace Backend.Ingest.Backup;

/// <summary>Backend:Backup: the scheduled backups (docs/backup.md). Off unless an interval is set.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backend:Backup";

    /// <summary>Time between two backups (e.g. "06:00:00"); none means no scheduled backup.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>Where the backups go; a relative path lies in the data directory.</summary>
    public string Directory { get; set; } = "backups";

    /// <summary>How many of the newest backups are kept; older ones are deleted after each new one.</summary>
    public int Keep { get; set; } = 14;
}
