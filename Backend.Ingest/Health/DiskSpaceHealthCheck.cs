using Backend.Ingest.Provisioning;
using Backend.Ingest.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Health;

/// <summary>
/// Free space on the disks of the data folder (credentials, keys, the embedded broker's state) and, on SQLite, of the
/// database file's folder: degraded below <see cref="HealthOptions.DiskWarningMegabytes"/>, unready below
/// <see cref="HealthOptions.DiskMinimumMegabytes"/>.
/// </summary>
public sealed class DiskSpaceHealthCheck(IConfiguration configuration, IHostEnvironment environment, StoreDatabase database, IOptions<HealthOptions> options)
    : IHealthCheck
{
    public const string Name = "disk";

    private const long Megabyte = 1024 * 1024;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folders = new List<string> { DataDirectory.Resolve(configuration, environment.ContentRootPath) };
        if (database.SqlitePath is { } sqlite)
        {
            folders.Add(Path.GetDirectoryName(sqlite)!);
        }

        var limits = options.Value;
        var tightest = folders.Distinct()
            .Select(folder => (Folder: folder, FreeMegabytes: new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace / Megabyte))
            .MinBy(disk => disk.FreeMegabytes);
        var description = $"{tightest.FreeMegabytes} MB free for {tightest.Folder} (warning below {limits.DiskWarningMegabytes} MB, unready below {limits.DiskMinimumMegabytes} MB)";
        var result = tightest.FreeMegabytes < limits.DiskMinimumMegabytes ? HealthCheckResult.Unhealthy(description)
            : tightest.FreeMegabytes < limits.DiskWarningMegabytes ? HealthCheckResult.Degraded(description)
            : HealthCheckResult.Healthy(description);
        return Task.FromResult(result);
    }
}
