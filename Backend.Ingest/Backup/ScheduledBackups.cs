using System.Globalization;
using Backend.Ingest.Provisioning;
using Backend.Ingest.Storage;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Backup;

/// <summary>
/// Takes a backup every <see cref="BackupOptions.Interval"/> into <see cref="BackupOptions.Directory"/>, named by its
/// UTC time, then deletes all but the newest <see cref="BackupOptions.Keep"/>. A failed backup is logged as an error and
/// shown by the <c>backup</c> health check until the next one succeeds; it never stops the backend.
/// </summary>
public sealed class ScheduledBackups(
    StoreDatabase database,
    IOptions<BackupOptions> options,
    BackupSchedule schedule,
    TimeProvider clock,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<ScheduledBackups> log) : BackgroundService
{
    public const string FilePrefix = "busfare-";
    public const string FileSuffix = ".backup";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Interval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        if (settings.Keep < 1)
        {
            throw new InvalidOperationException($"Backend:Backup:Keep is {settings.Keep}: keep at least one backup.");
        }

        schedule.Enabled = true;
        var folder = Path.GetFullPath(settings.Directory, DataDirectory.Resolve(configuration, environment.ContentRootPath));
        log.LogInformation("Scheduled backups every {Interval} into {Folder}, keeping the newest {Keep}", interval, folder, settings.Keep);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // The backup reads the whole database: off the host's threads.
            await Task.Run(() => BackUp(folder, settings.Keep), CancellationToken.None);
        }
    }

    private void BackUp(string folder, int keep)
    {
        var at = clock.GetUtcNow();
        var file = Path.Combine(folder, $"{FilePrefix}{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}{FileSuffix}");
        try
        {
            var manifest = DatabaseBackup.Take(database, file, clock);
            schedule.Succeeded(at, file);
            log.LogInformation("Backup {File}: {Tables} tables, {Rows} rows, schema {Schema}", file, manifest.Tables.Count, manifest.Rows, manifest.SchemaVersion);
            foreach (var old in Directory.GetFiles(folder, $"{FilePrefix}*{FileSuffix}").OrderDescending(StringComparer.Ordinal).Skip(keep))
            {
                File.Delete(old);
                log.LogInformation("Backup {File} deleted: only the newest {Keep} are kept", old, keep);
            }
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            schedule.Failed(at, e.Message);
            log.LogError(e, "Scheduled backup {File} failed: {Error}", file, e.Message);
        }
    }
}
