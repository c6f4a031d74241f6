namespace Backend.Ingest.Backup;

/// <summary>A backup, verification or restore that cannot go on, said in words an operator can act on.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
