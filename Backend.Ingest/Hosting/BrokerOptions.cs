namespace Backend.Ingest.Hosting;

/// <summary>Backend:Broker: the MQTT broker the ingest workers connect to, and as whom.</summary>
public sealed class BrokerOptions
{
    /// <summary>The external broker's host (Production); the embedded broker is always reached on loopback (Backend:Broker:Embedded, see Broker/EmbeddedBrokerOptions).</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string User { get; set; } = "ingest";

    public string? Password { get; set; }
}
