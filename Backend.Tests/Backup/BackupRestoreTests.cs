using Backend.Ingest.Backup;
using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Backend.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Backend.Tests.Backup;

/// <summary>
/// A backup taken while records are being ingested, restored into a fresh database: it is the source at one
/// instant (every table's rows hash as the manifest says, each terminal's high-water mark matches its rows), and
/// lacks what was ingested after.
/// </summary>
public sealed class BackupRestoreTests
{
    private const int BatchSize = 20;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABackupTakenDuringIngestRestoresTheBackupPointAndLacksTheLaterRecords(string kind)
    {
        var source = await StoreFactory.FreshMigratedAsync(kind);
        var file = Path.Combine(Directory.CreateTempSubdirectory("busfare-backup-test-").FullName, "source.backup");
        using var stop = new CancellationTokenSource();
        var ingested = 0L;
        var ingest = Task.Run(async () =>
        {
            await using var store = source.CreateTransactionStore();
            for (var batch = 0u; !stop.IsCancellationRequested; batch++)
            {
                // Two terminals per commit, so a backup cut between them would show as unequal high-water marks.
                await store.StoreGroupAsync([Batches.ToStore(1, 1 + batch * BatchSize, BatchSize), Batches.ToStore(2, 1 + batch * BatchSize, BatchSize)]);
                Interlocked.Add(ref ingested, 2 * BatchSize);
            }
        });
        await WaitUntilAsync(() => Interlocked.Read(ref ingested) >= 400, ingest);

        var manifest = DatabaseBackup.Take(source, file, TimeProvider.System);
        var atBackup = Interlocked.Read(ref ingested);

        await WaitUntilAsync(() => Interlocked.Read(ref ingested) >= atBackup + 400, ingest);
        await stop.CancelAsync();
        await ingest;
        await using (var late = source.CreateTransactionStore())
        {
            await late.StoreGroupAsync([Batches.ToStore(99, 1, BatchSize)]);
        }

        await using var target = await RestoreTarget.CreateAsync(source.Kind);
        var outcome = DatabaseBackup.Restore(file, target.Database, force: false);

        Assert.Empty(outcome.Differences);
        Assert.Equal(manifest.Tables, DatabaseBackup.Fingerprints(target.Database));
        Assert.Equal(SchemaVersionOf(source.Kind), manifest.SchemaVersion);
        await using var restored = target.Database.CreateTransactionStore();
        await using var now = source.CreateTransactionStore();
        var restoredRecords = await restored.CountAsync(1);
        // At least what was committed when the backup began; at most one batch more than was counted when it ended.
        Assert.InRange(restoredRecords, 400 / 2, atBackup / 2 + BatchSize);
        Assert.True(await now.CountAsync(1) >= atBackup / 2 + 400 / 2);
        Assert.Equal(restoredRecords, await restored.CountAsync(2));
        Assert.Equal(restoredRecords, await restored.HighWaterAsync(1));
        Assert.Equal(restoredRecords, await restored.HighWaterAsync(2));
        Assert.Equal(0, await restored.CountAsync(99));
        Assert.Equal(BatchSize, await now.CountAsync(99));
        Assert.Equal(2 * restoredRecords, Rows(manifest, "transactions"));
        Assert.True(Rows(manifest, "transactions") < Rows(DatabaseBackup.Fingerprints(source), "transactions"));

        // The restored database takes ingest again, from its own high-water mark: what terminals re-send is stored once.
        // Re-sent batch by batch, as a terminal does (one batch holds at most a few hundred records).
        var (inserted, duplicates) = (0, 0);
        var resendUpTo = (int)restoredRecords + BatchSize;
        for (var first = 1; first <= resendUpTo; first += BatchSize)
        {
            var stored = await restored.StoreGroupAsync([Batches.ToStore(1, (uint)first, Math.Min(BatchSize, resendUpTo - first + 1))]);
            (inserted, duplicates) = (inserted + stored[0].Inserted, duplicates + stored[0].Duplicates);
        }

        Assert.Equal((BatchSize, (int)restoredRecords), (inserted, duplicates));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARestoreRefusesADatabaseThatHoldsTablesUnlessForced(string kind)
    {
        var source = await StoreFactory.FreshMigratedAsync(kind);
        await using (var store = source.CreateTransactionStore())
        {
            await store.StoreGroupAsync([Batches.ToStore(5, 1, 30)]);
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory("busfare-backup-test-").FullName, "source.backup");
        var manifest = DatabaseBackup.Take(source, file, TimeProvider.System);
        await using var target = await RestoreTarget.CreateAsync(source.Kind);
        SchemaMigrator.Migrate(target.Database);
        await using (var store = target.Database.CreateTransactionStore())
        {
            await store.StoreGroupAsync([Batches.ToStore(6, 1, 10)]);
        }

        var before = DatabaseBackup.Fingerprints(target.Database);

        var refused = Assert.Throws<BackupException>(() => DatabaseBackup.Restore(file, target.Database, force: false));
        Assert.Contains("not empty", refused.Message);
        Assert.Contains("--force", refused.Message);
        Assert.Equal(before, DatabaseBackup.Fingerprints(target.Database));

        var forced = DatabaseBackup.Restore(file, target.Database, force: true);
        Assert.Empty(forced.Differences);
        Assert.Equal(manifest.Tables, DatabaseBackup.Fingerprints(target.Database));
        await using var restored = target.Database.CreateTransactionStore();
        Assert.Equal((30, 0), (await restored.CountAsync(5), await restored.CountAsync(6)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheCommandsBackUpVerifyAndRestoreTheConfiguredStoreAndSayWhat(string kind)
    {
        var source = await StoreFactory.FreshMigratedAsync(kind);
        await using (var store = source.CreateTransactionStore())
        {
            await store.StoreGroupAsync([Batches.ToStore(8, 1, 12)]);
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory("busfare-backup-test-").FullName, "commands.backup");
        await using var target = await RestoreTarget.CreateAsync(source.Kind);

        var (backupCode, backupOutput) = Run(source, ["backup", "--out", file]);
        var (verifyCode, verifyOutput) = Run(source, ["backup", "--verify", file]);
        var (restoreCode, restoreOutput) = Run(target.Database, ["restore", file]);
        var (againCode, againOutput) = Run(target.Database, ["restore", file]);
        var (usageCode, _) = Run(source, ["restore"]);

        Assert.Equal((0, 0, 0, 1, 2), (backupCode, verifyCode, restoreCode, againCode, usageCode));
        var schema = SchemaVersionOf(source.Kind);
        Assert.Contains($"schema {schema}", backupOutput);
        Assert.StartsWith("verify: ok", verifyOutput);
        Assert.StartsWith("restore: ok", restoreOutput);
        Assert.Contains($"schema {schema}", restoreOutput);
        Assert.Contains("not empty", againOutput);
        await using var restored = target.Database.CreateTransactionStore();
        Assert.Equal(12, await restored.CountAsync(8));
    }

    internal static (int Code, string Output) Run(StoreDatabase database, string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Backend:Store:Kind"] = database.Kind.ToString(),
            ["Backend:Store:Sqlite"] = database.SqlitePath,
            ["Backend:Store:Postgres"] = database.Kind == StoreKind.Postgres ? database.ConnectionString : null,
        }).Build();
        var output = new StringWriter();
        var code = BackupCommands.Run(args, configuration, Path.GetTempPath(), output);
        return (code, output.ToString());
    }

    private static string SchemaVersionOf(StoreKind kind) => SchemaMigrator.Known(kind)[^1];

    private static long Rows(BackupManifest manifest, string table) => Rows(manifest.Tables, table);

    private static long Rows(IReadOnlyList<TableFingerprint> tables, string table) => tables.Single(t => t.Table == table).Rows;

    private static async Task WaitUntilAsync(Func<bool> condition, Task ingest)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.False(ingest.IsFaulted, ingest.Exception?.ToString());
            Assert.True(DateTime.UtcNow < deadline, "ingest did not reach the expected count within 60 s");
            await Task.Delay(10);
        }
    }
}
