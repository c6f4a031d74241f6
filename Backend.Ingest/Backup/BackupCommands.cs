using Backend.Ingest.Hosting;
using Backend.Ingest.Provisioning;
using Backend.Ingest.Resend;
using Backend.Ingest.Storage;

namespace Backend.Ingest.Backup;

/// <summary>
/// <c>backup --out FILE</c> takes a backup of the configured database (<c>Backend:Store</c>) while the backend may
/// be running; <c>backup --verify FILE</c> restores a backup into a scratch database and compares every table with
/// the file's manifest; <c>restore FILE [--force]</c> puts a backup in place of the configured database, refusing a
/// database that holds tables unless <c>--force</c>, and records the restore with a Resend request for every known
/// terminal (<see cref="RestoreRecord"/>: terminals re-send what the restored database lacks). Stop the backend before a restore.
/// </summary>
public static class BackupCommands
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    public static bool Names(string[] args) => args is [Backup or Restore, ..];

    public static int Run(string[] args, IConfiguration configuration, string contentRoot, TextWriter output)
    {
        try
        {
            var database = StoreDatabase.FromOptions(StoreOptions.Read(configuration), configuration, contentRoot);
            // Configuration given on the command line (--Backend:Store:Sqlite=FILE) is the host's, not the command's.
            var own = args.Where(a => !(a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':') && a.Contains('='))).ToArray();
            return own switch
            {
                [Backup, "--out", var file] => Take(database, file, output),
                [Backup, "--verify", var file] => Verify(database, file, output),
                [Restore, var file] when !file.StartsWith("--", StringComparison.Ordinal) => Put(database, file, force: false, Provisioned(configuration, contentRoot), output),
                [Restore, var file, "--force"] => Put(database, file, force: true, Provisioned(configuration, contentRoot), output),
                _ => Usage(output),
            };
        }
        catch (Exception e) when (e is BackupException or InvalidOperationException or IOException or UnauthorizedAccessException
                                   or System.Data.Common.DbException)
        {
            output.WriteLine($"{args[0]}: {e.Message}");
            return 1;
        }
    }

    private static int Take(StoreDatabase database, string file, TextWriter output)
    {
        var manifest = DatabaseBackup.Take(database, file, TimeProvider.System);
        output.WriteLine($"backup: {Path.GetFullPath(file)}: {Describe(manifest)}");
        return 0;
    }

    private static int Verify(StoreDatabase database, string file, TextWriter output)
    {
        var outcome = DatabaseBackup.Verify(file, database);
        return Report("verify", outcome, output);
    }

    private static int Put(StoreDatabase database, string file, bool force, IReadOnlyCollection<uint> provisioned, TextWriter output)
    {
        long seenBefore = RestoreRecord.HighestNumber(database);
        var outcome = DatabaseBackup.Restore(file, database, force);
        int code = Report("restore", outcome, output);
        if (code != 0)
        {
            return code;
        }

        var planned = RestoreRecord.WriteAsync(database, outcome.Manifest, seenBefore, provisioned, $"restore command ({Environment.UserName})", TimeProvider.System)
            .GetAwaiter().GetResult();
        output.WriteLine($"restore: resend number {planned.ResendNumber}: {planned.Terminals} terminals will be asked to upload again from their restored high-water mark + 1 when the backend starts");
        return 0;
    }

    /// <summary>The terminals provisioned in the data directory (<see cref="TerminalCredentialStore"/>): they are asked too, from sequence 1, when the database holds nothing of theirs.</summary>
    private static uint[] Provisioned(IConfiguration configuration, string contentRoot)
    {
        var path = Path.Combine(DataDirectory.Resolve(configuration, contentRoot), TerminalCredentialStore.FileName);
        return File.Exists(path) ? [.. new TerminalCredentialStore(path).Snapshot().Select(pair => pair.Key)] : [];
    }

    private static int Report(string what, DatabaseBackup.RestoreOutcome outcome, TextWriter output)
    {
        if (outcome.Differences.Count > 0)
        {
            output.WriteLine($"{what}: FAILED, the restored database differs from the manifest ({Describe(outcome.Manifest)}):");
            foreach (var difference in outcome.Differences)
            {
                output.WriteLine($"  {difference}");
            }

            return 1;
        }

        output.WriteLine($"{what}: ok, {Describe(outcome.Manifest)}, every table matches the manifest");
        return 0;
    }

    private static string Describe(BackupManifest manifest) =>
        $"{manifest.Kind} store taken {manifest.TakenAt:u}, schema {manifest.SchemaVersion}, {manifest.Tables.Count} tables, {manifest.Rows} rows";

    private static int Usage(TextWriter output)
    {
        output.WriteLine("usage: backup --out FILE | backup --verify FILE | restore FILE [--force]");
        return 2;
    }
}
