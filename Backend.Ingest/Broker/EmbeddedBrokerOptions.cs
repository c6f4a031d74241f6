using System.Net;
using Microsoft.Extensions.Configuration;

namespace Backend.Ingest.Broker;

/// <summary>
/// Where the embedded broker listens: <c>Backend:Broker:Embedded:Address</c> (default 127.0.0.1, so the demo is not
/// reachable from the network unless asked) and <c>Backend:Broker:Embedded:Port</c> (default 1883; 0 = a free port).
/// </summary>
public sealed record EmbeddedBrokerOptions(IPAddress Address, int Port)
{
    public const int DefaultPort = 1883;

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

        return new EmbeddedBrokerOptions(address, port);
    }
}
