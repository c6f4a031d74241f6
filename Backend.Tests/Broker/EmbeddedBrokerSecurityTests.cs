using Backend.Ingest.Provisioning;
using MQTTnet;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Broker;

/// <summary>The security contract on the embedded MQTTnet broker, plus what only it does: count refusals, bind client ids to user names, refuse $share.</summary>
public sealed class EmbeddedBrokerSecurityTests : BrokerSecurityContract
{
    protected override MqttClientConnectResultCode BadCredentials => MqttClientConnectResultCode.BadUserNameOrPassword;

    protected override MqttClientSubscribeResultCode SharedFilterFromATerminal => MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported;

    protected override MqttClientConnectResultCode BorrowedClientId => MqttClientConnectResultCode.ClientIdentifierNotValid;

    protected override async Task<SecuredBroker> StartAsync() => await EmbeddedSecuredBroker.StartAsync();

    [Fact]
    public async Task ATerminalMustUseItsOwnNameAsClientIdAndTheIngestUserNoTerminalsName()
    {
        await using var broker = await EmbeddedSecuredBroker.StartAsync();
        await using var borrowedId = await MqttProbe.ConnectAsync(
            broker.Port, BrokerIdentity.Terminal(SecuredBroker.Five), BrokerIdentity.Terminal(SecuredBroker.Seven), broker.TerminalPasswords[SecuredBroker.Seven]);
        await using var ingestAsTerminal = await MqttProbe.ConnectAsync(
            broker.Port, BrokerIdentity.Terminal(SecuredBroker.Five), broker.Ingest.UserName, broker.Ingest.Password);

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, borrowedId.ConnectResult);
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, ingestAsTerminal.ConnectResult);
        Assert.Equal(2, broker.Counters.RefusedConnections);
    }

    /// <summary>MQTTnet refuses shared subscriptions by itself (so the embedded backend runs one worker); the guard refuses wide filters.</summary>
    [Fact]
    public async Task SharedSubscriptionsAreRefusedWithTheirOwnReasonAndWideFiltersAsNotAuthorized()
    {
        await using var broker = await EmbeddedSecuredBroker.StartAsync();
        await using var ingest = await broker.ConnectIngestAsync();
        await using var seven = await broker.ConnectTerminalAsync(SecuredBroker.Seven);

        Assert.Equal(MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported, await ingest.SubscribeAsync("$share/ingest/" + TopicRights.Prefix + "+/tx"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await ingest.SubscribeAsync(TopicRights.Prefix + "#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await seven.SubscribeAsync(TopicRights.Prefix + "+/ack"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await ingest.SubscribeAsync(UplinkTopics.Transactions(SecuredBroker.Seven)));
        Assert.Equal(2, broker.Counters.RefusedSubscriptions);
    }

    protected override void AfterForeignPublish(SecuredBroker broker) =>
        Assert.Equal(2, ((EmbeddedSecuredBroker)broker).Counters.RefusedPublishes);

    protected override void AfterForeignSubscription(SecuredBroker broker, MqttClientSubscribeResultCode result)
    {
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, result);
        Assert.Equal(1, ((EmbeddedSecuredBroker)broker).Counters.RefusedSubscriptions);
    }
}
