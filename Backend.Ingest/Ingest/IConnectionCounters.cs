namespace Backend.Ingest.Ingest;

/// <summary>What a <see cref="BrokerConnection"/> reports about its link, to the counters of the service that owns it.</summary>
public interface IConnectionCounters
{
    /// <summary>Connected and subscribed.</summary>
    void Subscribed();

    /// <summary>A subscribed connection was lost (or the service stopped).</summary>
    void Disconnected();

    /// <summary>Connected again after a loss.</summary>
    void Reconnected();
}
