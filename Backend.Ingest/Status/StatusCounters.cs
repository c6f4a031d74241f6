using Backend.Ingest.Ingest;

namespace Backend.Ingest.Status;

/// <summary>What the status consumer of this process did since it started: served as JSON on GET /api/fleet/counters.</summary>
public sealed class StatusCounters : IConnectionCounters
{
    private long _statusReceived;
    private long _statusRefused;
    private long _downlinkPublished;
    private long _storeFailures;
    private long _reconnects;
    private long _connected;

    /// <summary>Every message that arrived on a terminal's status topic, refused ones included.</summary>
    public void Received() => Interlocked.Increment(ref _statusReceived);

    public void Refused() => Interlocked.Increment(ref _statusRefused);

    public void Published() => Interlocked.Increment(ref _downlinkPublished);

    public void StoreFailed() => Interlocked.Increment(ref _storeFailures);

    public void Subscribed() => Interlocked.Increment(ref _connected);

    public void Disconnected() => Interlocked.Decrement(ref _connected);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public StatusCountersSnapshot Snapshot() => new(
        Interlocked.Read(ref _statusReceived), Interlocked.Read(ref _statusRefused), Interlocked.Read(ref _downlinkPublished),
        Interlocked.Read(ref _storeFailures), Interlocked.Read(ref _reconnects), Interlocked.Read(ref _connected) > 0);
}

/// <summary>The counters at one moment (camelCase JSON: statusReceived, statusRefused, downlinkPublished, ...).</summary>
public sealed record StatusCountersSnapshot(
    long StatusReceived,
    long StatusRefused,
    long DownlinkPublished,
    long StoreFailures,
    long Reconnects,
    bool Connected);
