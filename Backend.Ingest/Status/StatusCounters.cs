using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Backend.Ingest.Ingest;

namespace Backend.Ingest.Status;

/// <summary>
/// What the status consumer of this process did since it started: served as JSON on GET /api/fleet/counters, and as
/// the Meter "BusFare.Fleet" (names busfare.fleet.*) with, per terminal that reported since the start, its journal
/// backlog and the seconds since its last status.
/// </summary>
public sealed class StatusCounters : IConnectionCounters
{
    public const string MeterName = "BusFare.Fleet";

    /// <summary>Per terminal: the backlog of its last online status, and when its last status (online or its will) arrived.</summary>
    private readonly ConcurrentDictionary<uint, (int Backlog, DateTimeOffset At)> _terminals = new();
    private readonly TimeProvider _clock;

    private long _statusReceived;
    private long _statusRefused;
    private long _downlinkPublished;
    private long _storeFailures;
    private long _reconnects;
    private long _connected;

    public StatusCounters(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("busfare.fleet.status_received", () => Interlocked.Read(ref _statusReceived), "{message}", "Status messages received");
        meter.CreateObservableCounter("busfare.fleet.status_refused", () => Interlocked.Read(ref _statusRefused), "{message}", "Status messages refused");
        meter.CreateObservableCounter("busfare.fleet.downlink_published", () => Interlocked.Read(ref _downlinkPublished), "{message}", "Downlink messages published");
        meter.CreateObservableCounter("busfare.fleet.store_failures", () => Interlocked.Read(ref _storeFailures), "{failure}", "Status writes that failed and were retried");
        meter.CreateObservableGauge("busfare.fleet.journal_backlog", () => _terminals.Select(t => new Measurement<int>(t.Value.Backlog, Terminal(t.Key))),
            "{record}", "Journal records the terminal had not had acknowledged, as its last status said");
        meter.CreateObservableGauge("busfare.fleet.status_age",
            () => _terminals.Select(t => new Measurement<double>((_clock.GetUtcNow() - t.Value.At).TotalSeconds, Terminal(t.Key))),
            "s", "Seconds since the terminal's last status");
    }

    /// <summary>A terminal's status was recorded: its backlog when it is online (its will carries none), and the time.</summary>
    public void Reported(uint terminalId, int? backlog, DateTimeOffset at) =>
        _terminals.AddOrUpdate(terminalId, (backlog ?? 0, at), (_, last) => (backlog ?? last.Backlog, at));

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

    private static KeyValuePair<string, object?> Terminal(uint id) => new("terminal", id.ToString());
}

/// <summary>The counters at one moment (camelCase JSON: statusReceived, statusRefused, downlinkPublished, ...).</summary>
public sealed record StatusCountersSnapshot(
    long StatusReceived,
    long StatusRefused,
    long DownlinkPublished,
    long StoreFailures,
    long Reconnects,
    bool Connected);
