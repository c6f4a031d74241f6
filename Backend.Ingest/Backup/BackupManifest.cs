using System.Text.Json;
using Backend.Ingest.Hosting;

namespace Backend.Ingest.Backup;

/// <summary>
/// What a backup file says about itself: which store it came from, the schema it carries (the last migration
/// script applied), when it was taken, the SHA-256 of its database payload, and each table's row count and row
/// hash at the backup point. <c>backup --verify</c> restores the payload elsewhere and compares against this.
/// </summary>
public sealed record BackupManifest(
    int Format,
    StoreKind Kind,
    string SchemaVersion,
    DateTimeOffset TakenAt,
    string PayloadSha256,
    IReadOnlyList<TableFingerprint> Tables)
{
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public long Rows => Tables.Sum(t => t.Rows);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BackupManifest FromJson(string json) =>
        JsonSerializer.Deserialize<BackupManifest>(json, Json) ?? throw new InvalidDataException("the backup's manifest is empty");
}
