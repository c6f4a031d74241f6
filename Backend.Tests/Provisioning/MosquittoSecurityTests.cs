using Backend.Ingest.Hosting;
using Backend.Ingest.Provisioning;
using Backend.Tests.Broker;
using Backend.Tests.Ingest;
using Backend.Tests.Storage;
using MQTTnet;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Provisioning;

/// <summary>The security contract on a real Mosquitto 2.0, configured only by the generated dynamic-security file and busfare.conf.</summary>
public sealed class MosquittoSecurityTests : BrokerSecurityContract
{
    private const int BatchCount = 10;
    private const int RecordsPerBatch = 20;

    protected override MqttClientConnectResultCode BadCredentials => MqttClientConnectResultCode.NotAuthorized;

    protected override MqttClientSubscribeResultCode SharedFilterFromATerminal => MqttClientSubscribeResultCode.NotAuthorized;

    protected override MqttClientConnectResultCode BorrowedClientId => MqttClientConnectResultCode.NotAuthorized;

    protected override async Task<SecuredBroker> StartAsync() => await MosquittoSecuredBroker.StartAsync();

    [Fact]
    public async Task TheIngestUsersSharedSubscriptionReceivesTheTerminalsBatches()
    {
        await using var broker = await MosquittoSecuredBroker.StartAsync();
        await using var ingest = await broker.ConnectIngestAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await ingest.SubscribeAsync("$share/ingest/" + TopicRights.Prefix + "+/tx"));
        await using var seven = await broker.ConnectTerminalAsync(SecuredBroker.Seven);

        Assert.Equal(MqttClientPublishReasonCode.Success, await seven.PublishAsync(UplinkTopics.Transactions(SecuredBroker.Seven), "shared batch of 7"));

        Assert.True(await ingest.ReceivesAsync("shared batch of 7"));
    }

    /// <summary>
    /// The probe's finding (issue 14): with the ACL file a terminal could join the backend's shared group and take a
    /// share of every terminal's batches, acknowledged and dropped. Now the subscriptions are refused, and the real
    /// backend, on the same generated configuration, stores every batch of another terminal.
    /// </summary>
    [Fact]
    public async Task ARogueTerminalCannotJoinTheIngestGroupAndTheBackendStoresEveryBatchOfAnother()
    {
        await using var broker = await MosquittoSecuredBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("sqlite");
        await using var backend = await IngestHost.StartAsync(BackendMode.Production, broker.Port, database,
            extra: new Dictionary<string, string?> { ["Backend:Broker:Password"] = broker.Ingest.Password });
        await using var rogue = await broker.ConnectTerminalAsync(SecuredBroker.Seven);
        foreach (var filter in new[] { "$share/ingest/" + TopicRights.Prefix + "+/tx", "$share/ingest/" + TopicRights.Prefix + "+/status", TopicRights.Prefix + "+/tx", TopicRights.Prefix + "#" })
        {
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await rogue.SubscribeAsync(filter));
        }

        var five = await RawTerminal.ConnectAsync(broker.Port, SecuredBroker.Five, broker.TerminalPasswords[SecuredBroker.Five]);
        await using (five)
        {
            for (var b = 0; b < BatchCount; b++)
            {
                await five.PublishBatchAsync(Batches.Sealed(SecuredBroker.Five, (uint)(b * RecordsPerBatch) + 1, RecordsPerBatch));
            }

            await five.WaitForAckAsync(BatchCount * RecordsPerBatch);
        }

        Assert.Equal(BatchCount, (await backend.CountersAsync()).BatchesStored);
        await using var store = await database.OpenAsync();
        Assert.Equal(BatchCount * RecordsPerBatch, await store.CountAllAsync());
        Assert.Equal(BatchCount * RecordsPerBatch, await store.HighWaterAsync(SecuredBroker.Five));
        Assert.Empty(rogue.Received);
    }

    /// <summary>The dynamic-security roles check subscriptions when they are made.</summary>
    protected override void AfterForeignSubscription(SecuredBroker broker, MqttClientSubscribeResultCode result) =>
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, result);
}
