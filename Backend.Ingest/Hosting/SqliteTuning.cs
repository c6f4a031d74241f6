namespace Backend.Ingest.Hosting;

/// <summary>
/// Backend:Store:SqliteTuning: how much memory the ingest's SQLite connection may use, sized by default for a city's
/// month (10 million records, a few GB of file). SQLite's own default page cache (2 MB) makes every index insert past
/// a few hundred thousand rows a read from the file; a 10M-row load slowed from 16,000 to 5,600 records/s with it.
/// </summary>
public sealed class SqliteTuning
{
    /// <summary>The page cache of the ingest connection (<c>pragma cache_size</c>), MiB.</summary>
    public int CacheMb { get; set; } = 256;

    /// <summary>How much of the file is read through a memory map instead of read calls (<c>pragma mmap_size</c>), MiB; 0 turns it off.</summary>
    public int MmapMb { get; set; } = 4096;

    /// <summary>
    /// WAL pages after which a commit checkpoints them into the file (<c>pragma wal_autocheckpoint</c>). Larger than
    /// SQLite's 1,000 so a group commit checkpoints less often and a page changed by several groups is written once.
    /// </summary>
    public int CheckpointPages { get; set; } = 10_000;

    /// <summary>The pragmas, in SQLite's units, for a fresh connection.</summary>
    public string Pragmas =>
        $"pragma cache_size = -{(long)CacheMb * 1024}; pragma mmap_size = {(long)MmapMb * 1024 * 1024}; pragma temp_store = memory; pragma wal_autocheckpoint = {CheckpointPages};";
}
