using Backend.Ingest.Backup;
using Backend.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace Backend.Tests.Backup;

/// <summary>The scheduled backups on a hand-moved clock: one per interval, the newest Keep kept, each a backup that verifies; a failure shows on the health check.</summary>
public sealed class ScheduledBackupTests
{
    [Fact]
    public async Task EachIntervalTakesABackupAndOnlyTheNewestKeepStay()
    {
        var database = await StoreFactory.FreshMigratedAsync("sqlite");
        var folder = Directory.CreateTempSubdirectory("busfare-scheduled-").FullName;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
        var schedule = new BackupSchedule();
        var options = new BackupOptions { Interval = TimeSpan.FromHours(6), Directory = folder, Keep = 3 };
        using var service = Start(database, options, schedule, clock);
        await service.StartAsync(CancellationToken.None);

        await AdvanceUntilAsync(clock, options.Interval.Value, () => schedule.Completed >= 5);
        await service.StopAsync(CancellationToken.None);

        var kept = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, kept.Length);
        Assert.Equal(Path.GetFileName(schedule.LastBackup!.Value.File), kept[^1]);
        Assert.All(kept, name => Assert.Matches(@"^busfare-\d{8}T\d{6}Z\.backup$", name));
        Assert.Empty(DatabaseBackup.Verify(Path.Combine(folder, kept[0]!), database).Differences);
        Assert.Equal(HealthStatus.Healthy, (await new BackupHealthCheck(schedule).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task AFailedBackupIsShownByTheHealthCheck()
    {
        var database = await StoreFactory.FreshMigratedAsync("sqlite");
        // A file where the folder should be: every backup into it fails.
        var blocked = Path.Combine(Directory.CreateTempSubdirectory("busfare-scheduled-").FullName, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "");
        var clock = new FakeTimeProvider();
        var schedule = new BackupSchedule();
        using var service = Start(database, new BackupOptions { Interval = TimeSpan.FromMinutes(30), Directory = blocked, Keep = 2 }, schedule, clock);
        await service.StartAsync(CancellationToken.None);

        await AdvanceUntilAsync(clock, TimeSpan.FromMinutes(30), () => schedule.LastFailure is not null);
        await service.StopAsync(CancellationToken.None);

        var health = await new BackupHealthCheck(schedule).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("failed", health.Description);
        Assert.Equal(0, schedule.Completed);
    }

    private static ScheduledBackups Start(Backend.Ingest.Storage.StoreDatabase database, BackupOptions options, BackupSchedule schedule, TimeProvider clock) =>
        new(database, Options.Create(options), schedule, clock, new ConfigurationBuilder().Build(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.GetTempPath() }, NullLogger<ScheduledBackups>.Instance);

    /// <summary>Moves the clock an interval at a time until <paramref name="done"/>: the service may not be waiting yet when the clock first moves.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, TimeSpan interval, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the scheduled backups did not run within 60 s");
            clock.Advance(interval);
            await Task.Delay(100);
        }
    }
}
