using System.IO.Compression;
using System.Security.Cryptography;
using Backend.Ingest.Provisioning;

namespace Backend.Ingest.Backup;

/// <summary>
/// The backup file: a zip archive holding <c>manifest.json</c> and <c>database</c> (the SQLite file, or
/// <c>pg_dump -Fc</c>'s archive). Written to a temporary name and moved into place, so a backup cut short leaves
/// no file that looks whole; read back only after its manifest parses and its payload matches the manifest's hash.
/// </summary>
public static class BackupFile
{
    private const string ManifestEntry = "manifest.json";
    private const string PayloadEntry = "database";

    public static void Write(string path, BackupManifest manifest, string payloadPath)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        using (var archive = ZipFile.Open(partial, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(archive.CreateEntry(ManifestEntry).Open()))
            {
                writer.Write(manifest.ToJson());
            }

            // The payload is compressed already on PostgreSQL; SQLite pages compress well.
            archive.CreateEntryFromFile(payloadPath, PayloadEntry, CompressionLevel.Fastest);
        }

        // The file holds every card and ledger row: readable by the backend's account only.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(partial, AtomicFile.OwnerOnly);
        }

        File.Move(partial, full, overwrite: true);
    }

    /// <summary>The manifest and the payload extracted to <paramref name="payloadPath"/>; a truncated or altered file is refused.</summary>
    public static BackupManifest Extract(string path, string payloadPath)
    {
        if (!File.Exists(path))
        {
            throw new BackupException($"no backup file at {Path.GetFullPath(path)}");
        }

        try
        {
            using var archive = ZipFile.OpenRead(path);
            var manifestEntry = archive.GetEntry(ManifestEntry) ?? throw new BackupException($"{path} holds no {ManifestEntry}: not a backup of this backend");
            var payloadEntry = archive.GetEntry(PayloadEntry) ?? throw new BackupException($"{path} holds no database");
            BackupManifest manifest;
            using (var reader = new StreamReader(manifestEntry.Open()))
            {
                manifest = BackupManifest.FromJson(reader.ReadToEnd());
            }

            if (manifest.Format != BackupManifest.CurrentFormat)
            {
                throw new BackupException($"{path} is backup format {manifest.Format}; this build reads format {BackupManifest.CurrentFormat}");
            }

            payloadEntry.ExtractToFile(payloadPath, overwrite: true);
            var actual = Sha256Of(payloadPath);
            if (actual != manifest.PayloadSha256)
            {
                throw new BackupException($"{path} is damaged: its database hashes to {actual}, the manifest says {manifest.PayloadSha256}");
            }

            return manifest;
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or EndOfStreamException)
        {
            throw new BackupException($"{path} is damaged or truncated: {e.Message}", e);
        }
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
