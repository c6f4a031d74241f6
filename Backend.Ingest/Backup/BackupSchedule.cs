namespace Backend.Ingest.Backup;

/// <summary>What the scheduled backups last did, for the health check and the log: the last backup made and the last failure.</summary>
public sealed class BackupSchedule
{
    private readonly Lock gate = new();
    private (DateTimeOffset At, string File)? lastBackup;
    private (DateTimeOffset At, string Error)? lastFailure;
    private long completed;

    public bool Enabled { get; set; }

    public long Completed => Interlocked.Read(ref completed);

    public (DateTimeOffset At, string File)? LastBackup { get { lock (gate) { return lastBackup; } } }

    public (DateTimeOffset At, string Error)? LastFailure { get { lock (gate) { return lastFailure; } } }

    public void Succeeded(DateTimeOffset at, string file)
    {
        lock (gate)
        {
            lastBackup = (at, file);
            lastFailure = null;
        }

        Interlocked.Increment(ref completed);
    }

    public void Failed(DateTimeOffset at, string error)
    {
        lock (gate)
        {
            lastFailure = (at, error);
        }
    }
}
