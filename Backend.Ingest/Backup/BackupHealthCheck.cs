using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backend.Ingest.Backup;

/// <summary>The scheduled backups: degraded while the last one failed (the backend serves on, but has no fresh backup).</summary>
public sealed class BackupHealthCheck(BackupSchedule schedule) : IHealthCheck
{
    public const string Name = "backup";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!schedule.Enabled ? HealthCheckResult.Healthy("no scheduled backups (Backend:Backup:Interval is not set)")
            : schedule.LastFailure is { } failure ? HealthCheckResult.Degraded($"the backup at {failure.At:u} failed: {failure.Error}")
            : schedule.LastBackup is { } backup ? HealthCheckResult.Healthy($"last backup {backup.File} at {backup.At:u}")
            : HealthCheckResult.Healthy("scheduled, none taken yet"));
}
