using System.Net;
using Microsoft.Extensions.Configuration;

namespace Backend.Ingest.Broker;

/// <summary>
/// Where the embedded broker listens: <c>Backend:Broker:Embedded:Address</c> (default 127.0.0.1, so the demo is not
/// reachable from the network unless asked) and <c>Backend:Broker:Embedded:Port</c> (default 1883; 0 = a free port);
/// and <c>Backend:Broker:Embedded:MaxQueuedMessagesPerClient</c>, how many messages the broker holds for one client
/// that has not taken them yet. The ingest worker is ONE client receiving every terminal's batches, so a burst of
/// the whole fleet queues there: past this bound the broker drops messages it has already acknowledged to their
/// terminals (MQTTnet's own default is 1,000, which a fleet of 1,250 terminals uploading at once overran), and
/// each drop costs that terminal a resend after its ack timeout. The default holds a burst of 100,000 batches.
/// </summary>
public sealed record EmbeddedBrokerOptions(IPAddress Address, int Port, int MaxQueuedMessagesPerClient = EmbeddedBrokerOptions.DefaultMaxQueuedMessagesPerClient)
{
    public const int DefaultPort = 1883;

    public const int DefaultMaxQueuedMessagesPerClient = 100_000;

    public static EmbeddedBrokerOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Backend:Broker:Embedded");
        var address = section["Address"] is { Length: > 0 } text
            ? IPAddress.TryParse(text, out var parsed) ? parsed : throw new InvalidOperationException($"Backend:Broker:Embedded:Address '{text}' is not an IP address")
            : IPAddress.Loopback;
        var port = section.GetValue("Port", DefaultPort);
        if (port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Backend:Broker:Embedded:Port {port} is not a TCP port");
        }

        var queued = section.GetValue("MaxQueuedMessagesPerClient", DefaultMaxQueuedMessagesPerClient);
        if (queued < 1)
        {
            throw new InvalidOperationException($"Backend:Broker:Embedded:MaxQueuedMessagesPerClient {queued} must be at least 1");
        }

        return new EmbeddedBrokerOptions(address, port, queued);
    }
}
