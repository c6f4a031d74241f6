using Terminal.Firmware.Journal;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// Who may use which topic: the one access table both brokers enforce (Mosquitto through the generated dynamic-security roles,
/// the embedded broker through its interceptors). A terminal publishes only its own tx and status and subscribes
/// only to its own ack and config; the backend's ingest user reads every terminal's tx and status and writes every
/// terminal's ack and config.
/// </summary>
public static class TopicRights
{
    public const string Prefix = UplinkTopics.Prefix;

    public static IReadOnlyList<string> TerminalPublishes(uint terminalId) => [Topic(terminalId, "tx"), Topic(terminalId, "status")];

    public static IReadOnlyList<string> TerminalSubscribes(uint terminalId) => [Topic(terminalId, "ack"), Topic(terminalId, "config")];

    public static IReadOnlyList<string> IngestPublishes { get; } = [Prefix + "+/ack", Prefix + "+/config"];

    public static IReadOnlyList<string> IngestSubscribes { get; } = [Prefix + "+/tx", Prefix + "+/status"];

    private static string Topic(uint terminalId, string leaf) => $"{Prefix}{terminalId}/{leaf}";
}
