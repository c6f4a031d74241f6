namespace Backend.Ingest.Backup;

/// <summary>One table at the backup point: its rows, and a hash over them that does not depend on their order.</summary>
public sealed record TableFingerprint(string Table, long Rows, string Hash);
