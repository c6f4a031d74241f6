using Backend.Tests.Broker;
using MQTTnet;
using Xunit;

namespace Backend.Tests.Tls;

/// <summary>The whole security contract again on the embedded broker with Backend:Broker:Tls on (its only listener the encrypted one).</summary>
public sealed class EmbeddedTlsSecurityTests : BrokerSecurityContract
{
    protected override MqttClientConnectResultCode BadCredentials => MqttClientConnectResultCode.BadUserNameOrPassword;

    protected override MqttClientSubscribeResultCode SharedFilterFromATerminal => MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported;

    protected override MqttClientConnectResultCode BorrowedClientId => MqttClientConnectResultCode.ClientIdentifierNotValid;

    protected override async Task<SecuredBroker> StartAsync() => await EmbeddedSecuredBroker.StartAsync(tls: true);

    protected override void AfterForeignSubscription(SecuredBroker broker, MqttClientSubscribeResultCode result) =>
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, result);
}
