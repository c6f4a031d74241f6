using Backend.Ingest.Broker;
using Terminal.Firmware.Downlink;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// The queue and size limits written into Mosquitto's <c>busfare.conf</c>, from <c>Backend:Broker:Mosquitto:*</c>.
/// Mosquitto queues at most <c>max_queued_messages</c> QoS 1 messages per client beyond those in flight (1,000 by
/// default) and then drops new ones it has already acknowledged to their publishers; the ingest subscribers receive
/// every terminal's batches, so a burst of a fleet above that size lost batches that their terminals then had to
/// send again. The bound is per client: the same value as the embedded broker's by default.
/// </summary>
public sealed record MosquittoLimits(int MaxQueuedMessages, int MaxInflightMessages, int MaxPacketSize)
{
    /// <summary>
    /// The largest packet of the protocol: a downlink message (the terminal's receive buffer) with its topic and MQTT
    /// header; batches (16,400 bytes at most) are smaller. Mosquitto disconnects a client that sends a larger one.
    /// </summary>
    public const int DefaultMaxPacketSize = DownlinkCodec.MaxMessageBytes + 1024;

    /// <summary>QoS 1 messages in flight to one client at once (Mosquitto's default is 20): the ingest worker acks in parallel.</summary>
    public const int DefaultMaxInflightMessages = 100;

    public static MosquittoLimits Default { get; } =
        new(EmbeddedBrokerOptions.DefaultMaxQueuedMessagesPerClient, DefaultMaxInflightMessages, DefaultMaxPacketSize);

    public static MosquittoLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Backend:Broker:Mosquitto");
        var limits = new MosquittoLimits(
            section.GetValue("MaxQueuedMessages", Default.MaxQueuedMessages),
            section.GetValue("MaxInflightMessages", Default.MaxInflightMessages),
            section.GetValue("MaxPacketSize", Default.MaxPacketSize));
        if (limits.MaxQueuedMessages < 1 || limits.MaxInflightMessages < 1 || limits.MaxPacketSize < DefaultMaxPacketSize)
        {
            throw new InvalidOperationException(
                $"Backend:Broker:Mosquitto limits {limits} are not usable: queued and in-flight messages at least 1, the packet size at least {DefaultMaxPacketSize} bytes (a downlink message).");
        }

        return limits;
    }
}
