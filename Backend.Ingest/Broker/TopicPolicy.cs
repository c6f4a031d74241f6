using Backend.Ingest.Provisioning;
using MQTTnet;

namespace Backend.Ingest.Broker;

/// <summary>The <see cref="TopicRights"/> table as the embedded broker's decisions on publishes and subscriptions.</summary>
public static class TopicPolicy
{
    public static bool MayPublish(BrokerClient client, string topic) =>
        client.IsIngest
            ? TopicRights.IngestPublishes.Any(filter => Matches(topic, filter))
            : TopicRights.TerminalPublishes(client.TerminalId).Contains(topic, StringComparer.Ordinal);

    /// <summary>
    /// A terminal may subscribe to exactly its own topics; the ingest user to its filters, or to one terminal's topic
    /// within them. Anything wider (<c>fare/v1/terminals/#</c> would include the acks) is refused.
    /// </summary>
    public static bool MaySubscribe(BrokerClient client, string filter) =>
        client.IsIngest
            ? TopicRights.IngestSubscribes.Any(allowed => allowed == filter || (!HasWildcard(filter) && Matches(filter, allowed)))
            : TopicRights.TerminalSubscribes(client.TerminalId).Contains(filter, StringComparer.Ordinal);

    private static bool HasWildcard(string filter) => filter.AsSpan().IndexOfAny('+', '#') >= 0;

    private static bool Matches(string topic, string filter) =>
        MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch;
}
