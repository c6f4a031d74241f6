using Backend.Ingest.Provisioning;
using Backend.Tests.Broker;
using Xunit;

namespace Backend.Tests.Provisioning;

/// <summary>
/// The queue bound the generated busfare.conf gives the real Mosquitto: its own default (1,000 queued messages per
/// client) loses part of a burst above it that it had acknowledged to the terminal; the generated bound keeps it whole.
/// </summary>
public sealed class MosquittoQueueTests
{
    private const int Burst = 1_100;

    [Fact]
    public async Task TheGeneratedBoundKeepsABurstAboveMosquittosDefaultWhole()
    {
        await using var broker = await MosquittoSecuredBroker.StartAsync();

        Assert.Equal(Burst, await IngestAwayBurst.DeliveredAsync(broker, Burst, expected: Burst));
    }

    [Fact]
    public async Task MosquittosOwnDefaultBoundLosesPartOfTheSameBurst()
    {
        await using var broker = await MosquittoSecuredBroker.StartAsync(MosquittoLimits.Default with { MaxQueuedMessages = 1_000 });

        var delivered = await IngestAwayBurst.DeliveredAsync(broker, Burst, expected: Burst);

        Assert.InRange(delivered, 1_000, Burst - 1);
    }
}
