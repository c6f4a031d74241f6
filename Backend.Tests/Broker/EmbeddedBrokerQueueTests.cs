using Backend.Ingest.Broker;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Backend.Tests.Broker;

/// <summary>
/// The embedded broker's per-client queue: bounded by configuration, every drop counted, and the default large enough
/// that a burst above MQTTnet's own bound (1,000: a fleet of 1,250 uploading at once overran it) is kept whole for the
/// ingest user, which receives every terminal's batches.
/// </summary>
public sealed class EmbeddedBrokerQueueTests
{
    private const int Published = 20;

    [Fact]
    public async Task MessagesBeyondTheQueueBoundAreDroppedAndCountedAndTheRestDelivered()
    {
        await using var broker = await EmbeddedSecuredBroker.StartAsync(maxQueuedMessagesPerClient: 5);

        long droppedWhileAway = -1;
        var delivered = await IngestAwayBurst.DeliveredAsync(broker, Published, expected: 5, whileAway: () => droppedWhileAway = broker.Counters.DroppedMessages);

        Assert.Equal(Published - 5, droppedWhileAway);
        Assert.Equal(5, delivered);
    }

    [Fact]
    public async Task TheDefaultBoundKeepsEveryMessageOfTheBurst()
    {
        await using var broker = await EmbeddedSecuredBroker.StartAsync();

        Assert.Equal(Published, await IngestAwayBurst.DeliveredAsync(broker, Published, expected: Published));
        Assert.Equal(0, broker.Counters.DroppedMessages);
    }

    [Fact]
    public void AQueueBoundBelowOneIsRefusedInWords()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Backend:Broker:Embedded:MaxQueuedMessagesPerClient"] = "0" }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => EmbeddedBrokerOptions.From(configuration));

        Assert.Contains("MaxQueuedMessagesPerClient 0 must be at least 1", refused.Message);
    }

    [Fact]
    public async Task ABurstAboveMqttnetsOwnBoundWaitsWholeForTheIngestUser()
    {
        const int burst = 1_100;
        await using var broker = await EmbeddedSecuredBroker.StartAsync();

        Assert.Equal(burst, await IngestAwayBurst.DeliveredAsync(broker, burst, expected: burst));
        Assert.Equal(0, broker.Counters.DroppedMessages);
    }
}
