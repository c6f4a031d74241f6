namespace Backend.Ingest.Hosting;

/// <summary>Backend:Ingest: how many workers, under which MQTT identity, sharing which group.</summary>
public sealed class IngestOptions
{
    /// <summary>Workers in this process, each with its own broker connection and database connection (Embedded: always 1).</summary>
    public int Workers { get; set; } = 1;

    /// <summary>The shared-subscription group of every ingest worker of the fleet (Production).</summary>
    public string SharedGroup { get; set; } = "ingest";

    /// <summary>
    /// The MQTT client id of this process's workers (worker n > 0 appends "-n"). It names the persistent session, so it
    /// must be stable across restarts and unique per process; default "ingest-{machine name}".
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The most batches committed in one database transaction.</summary>
    public int MaxGroupBatches { get; set; } = 256;
}
