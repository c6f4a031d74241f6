using Backend.Ingest.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backend.Ingest.Backup;

public static class BackupServices
{
    /// <summary>The scheduled backups (<c>Backend:Backup</c>, off by default) and their health check.</summary>
    public static IServiceCollection AddScheduledBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BackupOptions>(configuration.GetSection(BackupOptions.Section));
        services.AddSingleton<BackupSchedule>();
        services.AddHostedService<ScheduledBackups>();
        services.AddHealthChecks().AddCheck<BackupHealthCheck>(BackupHealthCheck.Name, HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        return services;
    }
}
