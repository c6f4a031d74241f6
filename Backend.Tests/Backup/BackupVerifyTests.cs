using System.IO.Compression;
using Backend.Ingest.Backup;
using Backend.Tests.Storage;
using Xunit;

namespace Backend.Tests.Backup;

/// <summary><c>backup --verify</c>: a whole backup passes; a truncated file, a damaged payload, or a payload that no longer matches its manifest's row hashes fails.</summary>
public sealed class BackupVerifyTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task VerifyPassesAWholeBackupAndFailsATruncatedOrDamagedOne(string kind)
    {
        var source = await StoreFactory.FreshMigratedAsync(kind);
        await using (var store = source.CreateTransactionStore())
        {
            await store.StoreGroupAsync([Batches.ToStore(3, 1, 200)]);
        }

        var folder = Directory.CreateTempSubdirectory("busfare-verify-test-").FullName;
        var file = Path.Combine(folder, "whole.backup");
        var manifest = DatabaseBackup.Take(source, file, TimeProvider.System);
        var whole = DatabaseBackup.Verify(file, source);
        Assert.Empty(whole.Differences);
        Assert.Equal(manifest, whole.Manifest with { Tables = manifest.Tables });
        Assert.Equal(manifest.Tables, whole.Manifest.Tables);

        var bytes = await File.ReadAllBytesAsync(file);
        var truncated = Path.Combine(folder, "truncated.backup");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length * 2 / 3)]);
        Assert.Contains("damaged or truncated", Assert.Throws<BackupException>(() => DatabaseBackup.Verify(truncated, source)).Message);

        var damaged = Path.Combine(folder, "damaged.backup");
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(damaged, flipped);
        Assert.Contains("damaged", Assert.Throws<BackupException>(() => DatabaseBackup.Verify(damaged, source)).Message);

        // A manifest that claims other rows than the payload holds: the restore into the scratch database shows it.
        var mismatched = Path.Combine(folder, "mismatched.backup");
        File.Copy(file, mismatched);
        var claimed = manifest with
        {
            Tables = manifest.Tables.Select(t => t.Table == "transactions" ? t with { Rows = t.Rows + 1 } : t.Table == "terminals" ? t with { Hash = new string('0', 32) } : t).ToArray(),
        };
        using (var archive = ZipFile.Open(mismatched, ZipArchiveMode.Update))
        {
            archive.GetEntry("manifest.json")!.Delete();
            await using var writer = new StreamWriter(archive.CreateEntry("manifest.json").Open());
            await writer.WriteAsync(claimed.ToJson());
        }

        var differences = DatabaseBackup.Verify(mismatched, source).Differences;
        Assert.Equal(["terminals: 1 rows as expected, but their contents differ", "transactions: 200 rows, the manifest says 201"], differences.Order());
        var (code, output) = BackupRestoreTests.Run(source, ["backup", "--verify", mismatched]);
        Assert.Equal(1, code);
        Assert.Contains("FAILED", output);
    }
}
