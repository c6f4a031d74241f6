using System.Diagnostics.Metrics;

namespace Backend.Ingest.Broker;

/// <summary>
/// What the embedded broker refused and dropped since start, for the API and the logs to report, and as observable
/// counters of the Meter "BusFare.Broker" (names busfare.broker.*), read from the same fields.
/// </summary>
public sealed class BrokerCounters
{
    public const string MeterName = "BusFare.Broker";

    private long _droppedMessages;
    private long _refusedConnections;
    private long _refusedPublishes;
    private long _refusedSubscriptions;

    public BrokerCounters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("busfare.broker.dropped_messages", () => DroppedMessages, "{message}", "Messages dropped because their receiver's queue was full");
        meter.CreateObservableCounter("busfare.broker.refused_connections", () => RefusedConnections, "{connection}", "Connections refused by the broker's guard");
        meter.CreateObservableCounter("busfare.broker.refused_publishes", () => RefusedPublishes, "{message}", "Publishes refused by the broker's guard");
        meter.CreateObservableCounter("busfare.broker.refused_subscriptions", () => RefusedSubscriptions, "{subscription}", "Subscriptions refused by the broker's guard");
    }

    /// <summary>Messages the broker accepted and then threw away because their receiver's queue was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _droppedMessages);

    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    public long RefusedPublishes => Interlocked.Read(ref _refusedPublishes);

    public long RefusedSubscriptions => Interlocked.Read(ref _refusedSubscriptions);

    /// <summary>Counts one dropped message; returns the count so far.</summary>
    internal long MessageDropped() => Interlocked.Increment(ref _droppedMessages);

    public BrokerCountersSnapshot Snapshot() => new(DroppedMessages, RefusedConnections, RefusedPublishes, RefusedSubscriptions);

    internal void ConnectionRefused() => Interlocked.Increment(ref _refusedConnections);

    internal void PublishRefused() => Interlocked.Increment(ref _refusedPublishes);

    internal void SubscriptionRefused() => Interlocked.Increment(ref _refusedSubscriptions);
}

/// <summary>The embedded broker's counters at one moment (GET /api/broker/counters).</summary>
public sealed record BrokerCountersSnapshot(long DroppedMessages, long RefusedConnections, long RefusedPublishes, long RefusedSubscriptions);
