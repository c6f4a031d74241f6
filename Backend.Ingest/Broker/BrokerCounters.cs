namespace Backend.Ingest.Broker;

/// <summary>What the embedded broker refused since start, for the API and the logs to report.</summary>
public sealed class BrokerCounters
{
    private long _refusedConnections;
    private long _refusedPublishes;
    private long _refusedSubscriptions;

    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    public long RefusedPublishes => Interlocked.Read(ref _refusedPublishes);

    public long RefusedSubscriptions => Interlocked.Read(ref _refusedSubscriptions);

    internal void ConnectionRefused() => Interlocked.Increment(ref _refusedConnections);

    internal void PublishRefused() => Interlocked.Increment(ref _refusedPublishes);

    internal void SubscriptionRefused() => Interlocked.Increment(ref _refusedSubscriptions);
}
