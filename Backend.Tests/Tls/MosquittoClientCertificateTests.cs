using Backend.Ingest.Provisioning;
using Backend.Tests.Broker;
using Backend.Tests.Provisioning;
using MQTTnet;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Tls;

/// <summary>
/// Terminals logging in to the real Mosquitto 2.0 by client certificate instead of a password (the generated certificate
/// listener: require_certificate, use_identity_as_username, use_username_as_clientid). The certificate's CN is who the
/// terminal is: whatever user name and client id it sends, terminal 7's certificate is terminal 7.
/// </summary>
public sealed class MosquittoClientCertificateTests
{
    private const uint Five = SecuredBroker.Five;
    private const uint Seven = SecuredBroker.Seven;

    [Fact]
    public async Task ATerminalsCertificateAloneLogsItInAndItsBatchesReachTheIngestUser()
    {
        await using var broker = await MosquittoSecuredBroker.StartTlsAsync(clientCertificates: true);
        await using var ingest = await broker.ConnectIngestAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await ingest.SubscribeAsync(TopicRights.Prefix + "+/tx"));
        using var certificate = broker.Certificates.Terminal(Five);

        await using var five = await ConnectByCertificateAsync(broker, certificate, BrokerIdentity.Terminal(Five));

        Assert.Equal(MqttClientConnectResultCode.Success, five.ConnectResult);
        Assert.Equal(MqttClientPublishReasonCode.Success, await five.PublishAsync(UplinkTopics.Transactions(Five), "batch of 5 by certificate"));
        Assert.True(await ingest.ReceivesAsync("batch of 5 by certificate"));
    }

    [Fact]
    public async Task TerminalSevensCertificateCannotActAsTerminalFive()
    {
        await using var broker = await MosquittoSecuredBroker.StartTlsAsync(clientCertificates: true);
        await using var ingest = await broker.ConnectIngestAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await ingest.SubscribeAsync(TopicRights.Prefix + "+/tx"));
        using var fiveCertificate = broker.Certificates.Terminal(Five);
        using var sevenCertificate = broker.Certificates.Terminal(Seven);
        await using var five = await ConnectByCertificateAsync(broker, fiveCertificate, BrokerIdentity.Terminal(Five));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await five.SubscribeAsync(UplinkTopics.Acks(Five)));

        // Terminal 7's certificate, claiming terminal 5's user name and client id.
        await using var impostor = await MqttProbe.ConnectAsync(
            broker.ClientCertificatePort, BrokerIdentity.Terminal(Five), BrokerIdentity.Terminal(Five), "", broker.Certificates.Client(sevenCertificate));

        // It is logged in as terminal 7 (its CN), under client id terminal-7: terminal 5's session is not taken over.
        Assert.Equal(MqttClientConnectResultCode.Success, impostor.ConnectResult);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await impostor.PublishAsync(UplinkTopics.Transactions(Five), "forged batch of 5"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await impostor.SubscribeAsync(UplinkTopics.Acks(Five)));
        Assert.Equal(MqttClientPublishReasonCode.Success, await impostor.PublishAsync(UplinkTopics.Transactions(Seven), "batch of 7"));
        Assert.True(await ingest.ReceivesAsync("batch of 7"));
        Assert.False(ingest.HasReceived("forged batch of 5"));
        Assert.True(five.IsConnected, "terminal 5 must stay connected");
        Assert.Equal(MqttClientPublishReasonCode.Success, await five.PublishAsync(UplinkTopics.Transactions(Five), "batch of 5"));
        Assert.True(await ingest.ReceivesAsync("batch of 5"));
    }

    [Fact]
    public async Task NoCertificateOrOneOfAnotherCaIsRefusedOnTheCertificateListener()
    {
        await using var broker = await MosquittoSecuredBroker.StartTlsAsync(clientCertificates: true);
        var foreignData = Directory.CreateTempSubdirectory("busfare-tls-foreign-").FullName;
        try
        {
            using var foreign = TestCertificates.Create(foreignData);
            using var foreignFive = foreign.Terminal(Five);

            await Assert.ThrowsAnyAsync<Exception>(() => ConnectByCertificateAsync(broker, certificate: null, BrokerIdentity.Terminal(Five)));
            await Assert.ThrowsAnyAsync<Exception>(() => ConnectByCertificateAsync(broker, foreignFive, BrokerIdentity.Terminal(Five)));
        }
        finally
        {
            Directory.Delete(foreignData, recursive: true);
        }
    }

    /// <summary>
    /// Revocation is by the dynamic-security client: with use_identity_as_username Mosquitto asks no password, so a
    /// revoked terminal's still valid certificate logs in, but as a user with no role it may publish and read nothing.
    /// </summary>
    [Fact]
    public async Task ARevokedTerminalsCertificateCanNoLongerPublish()
    {
        await using var broker = await MosquittoSecuredBroker.StartTlsAsync(clientCertificates: true);
        using var certificate = broker.Certificates.Terminal(Five);
        await broker.RevokeAsync(Five);

        await using var revoked = await ConnectByCertificateAsync(broker, certificate, BrokerIdentity.Terminal(Five));

        Assert.Equal(MqttClientConnectResultCode.Success, revoked.ConnectResult);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await revoked.PublishAsync(UplinkTopics.Transactions(Five), "batch of a revoked 5"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await revoked.SubscribeAsync(UplinkTopics.Acks(Five)));
    }

    private static Task<MqttProbe> ConnectByCertificateAsync(MosquittoSecuredBroker broker, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, string name) =>
        MqttProbe.ConnectAsync(broker.ClientCertificatePort, name, name, "", broker.Certificates.Client(certificate));
}
