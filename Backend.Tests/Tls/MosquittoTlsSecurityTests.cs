using Backend.Tests.Broker;
using Backend.Tests.Provisioning;
using MQTTnet;
using Xunit;

namespace Backend.Tests.Tls;

/// <summary>The whole security contract again on a real Mosquitto 2.0 whose only listener is the generated TLS one.</summary>
public sealed class MosquittoTlsSecurityTests : BrokerSecurityContract
{
    protected override MqttClientConnectResultCode BadCredentials => MqttClientConnectResultCode.NotAuthorized;

    protected override MqttClientSubscribeResultCode SharedFilterFromATerminal => MqttClientSubscribeResultCode.NotAuthorized;

    protected override MqttClientConnectResultCode BorrowedClientId => MqttClientConnectResultCode.NotAuthorized;

    protected override async Task<SecuredBroker> StartAsync() => await MosquittoSecuredBroker.StartTlsAsync();

    protected override void AfterForeignSubscription(SecuredBroker broker, MqttClientSubscribeResultCode result) =>
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, result);
}
