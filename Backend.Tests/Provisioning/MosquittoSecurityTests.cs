using Backend.Ingest.Provisioning;
using Backend.Tests.Broker;
using MQTTnet;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Provisioning;

/// <summary>The security contract on a real Mosquitto 2.0, configured only by the generated password and ACL files.</summary>
public sealed class MosquittoSecurityTests : BrokerSecurityContract
{
    protected override MqttClientConnectResultCode BadCredentials => MqttClientConnectResultCode.NotAuthorized;

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

    /// <summary>Mosquitto 2.0.11's ACL file grants every SUBACK and checks read rights per delivered message.</summary>
    protected override void AfterForeignSubscription(SecuredBroker broker, MqttClientSubscribeResultCode result) =>
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, result);
}
