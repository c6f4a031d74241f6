using Backend.Ingest.Provisioning;
using MQTTnet;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Broker;

/// <summary>
/// What both brokers must enforce (issue #6): terminals authenticate with their own credentials and may use only
/// their own topics. Each derived class runs these against one real broker.
/// </summary>
public abstract class BrokerSecurityContract
{
    private const uint Five = SecuredBroker.Five;
    private const uint Seven = SecuredBroker.Seven;

    /// <summary>The CONNACK reason for an unknown user or a wrong password on this broker.</summary>
    protected abstract MqttClientConnectResultCode BadCredentials { get; }

    /// <summary>The SUBACK for a terminal's <c>$share/ingest/...</c> filter (MQTTnet supports no shared subscriptions at all).</summary>
    protected abstract MqttClientSubscribeResultCode SharedFilterFromATerminal { get; }

    /// <summary>The CONNACK for a terminal logging in under another terminal's client id.</summary>
    protected abstract MqttClientConnectResultCode BorrowedClientId { get; }

    protected abstract Task<SecuredBroker> StartAsync();

    [Fact]
    public async Task AProvisionedTerminalPublishesItsBatchesToTheIngestUser()
    {
        await using var broker = await StartAsync();
        await using var ingest = await broker.ConnectIngestAsync();
        Assert.Equal(MqttClientConnectResultCode.Success, ingest.ConnectResult);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await ingest.SubscribeAsync(TopicRights.Prefix + "+/tx"));
        await using var five = await broker.ConnectTerminalAsync(Five);
        Assert.Equal(MqttClientConnectResultCode.Success, five.ConnectResult);

        Assert.Equal(MqttClientPublishReasonCode.Success, await five.PublishAsync(UplinkTopics.Transactions(Five), "batch of 5"));

        Assert.True(await ingest.ReceivesAsync("batch of 5"));
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownUserAreRefused()
    {
        await using var broker = await StartAsync();
        var five = BrokerIdentity.Terminal(Five);
        await using var wrongPassword = await broker.ConnectAsync(five, five, broker.TerminalPasswords[Seven]);
        await using var unknown = await broker.ConnectAsync("terminal-99", "terminal-99", broker.TerminalPasswords[Five]);
        await using var wrongIngest = await broker.ConnectAsync("ingest-test", broker.Ingest.UserName, "not the password");
        await using var anonymous = await broker.ConnectAsync("anonymous", "", "");

        Assert.Equal(BadCredentials, wrongPassword.ConnectResult);
        Assert.Equal(BadCredentials, unknown.ConnectResult);
        Assert.Equal(BadCredentials, wrongIngest.ConnectResult);
        Assert.NotEqual(MqttClientConnectResultCode.Success, anonymous.ConnectResult);
    }

    [Fact]
    public async Task ATerminalPublishingToAnotherTerminalsTopicIsRefusedAndNotDelivered()
    {
        await using var broker = await StartAsync();
        await using var ingest = await broker.ConnectIngestAsync();
        await ingest.SubscribeAsync(TopicRights.Prefix + "+/tx");
        await using var seven = await broker.ConnectTerminalAsync(Seven);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await seven.PublishAsync(UplinkTopics.Transactions(Five), "forged by 7"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await seven.PublishAsync(UplinkTopics.Acks(Seven), "self-ack by 7"));
        Assert.Equal(MqttClientPublishReasonCode.Success, await seven.PublishAsync(UplinkTopics.Transactions(Seven), "own batch of 7"));

        // The broker handled the refused publishes before acknowledging them, so once the later one has arrived
        // the forged one would have too.
        Assert.True(await ingest.ReceivesAsync("own batch of 7"));
        Assert.False(ingest.HasReceived("forged by 7"));
        AfterForeignPublish(broker);
    }

    [Fact]
    public async Task ATerminalSubscribingToAnotherTerminalsAcksDoesNotGetThem()
    {
        await using var broker = await StartAsync();
        await using var ingest = await broker.ConnectIngestAsync();
        await using var five = await broker.ConnectTerminalAsync(Five);
        await using var seven = await broker.ConnectTerminalAsync(Seven);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await five.SubscribeAsync(UplinkTopics.Acks(Five)));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await seven.SubscribeAsync(UplinkTopics.Acks(Seven)));
        var foreign = await seven.SubscribeAsync(UplinkTopics.Acks(Five));

        Assert.Equal(MqttClientPublishReasonCode.Success, await ingest.PublishAsync(UplinkTopics.Acks(Five), "ack for 5"));
        Assert.Equal(MqttClientPublishReasonCode.Success, await ingest.PublishAsync(UplinkTopics.Acks(Seven), "ack for 7"));

        Assert.True(await five.ReceivesAsync("ack for 5"));
        Assert.True(await seven.ReceivesAsync("ack for 7"));
        Assert.False(seven.HasReceived("ack for 5"));
        AfterForeignSubscription(broker, foreign);
    }

    /// <summary>Issue 14: a member of the backend's group would be handed a share of every terminal's batches.</summary>
    [Fact]
    public async Task ATerminalCanNeitherJoinTheIngestGroupNorSubscribeToAnothersBatches()
    {
        await using var broker = await StartAsync();
        await using var ingest = await broker.ConnectIngestAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await ingest.SubscribeAsync(TopicRights.Prefix + "+/tx"));
        await using var five = await broker.ConnectTerminalAsync(Five);
        await using var seven = await broker.ConnectTerminalAsync(Seven);

        Assert.Equal(SharedFilterFromATerminal, await seven.SubscribeAsync("$share/ingest/" + TopicRights.Prefix + "+/tx"));
        Assert.Equal(SharedFilterFromATerminal, await seven.SubscribeAsync("$share/ingest/" + TopicRights.Prefix + "+/status"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await seven.SubscribeAsync(TopicRights.Prefix + "+/tx"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await seven.SubscribeAsync(UplinkTopics.Transactions(Five)));
        Assert.Equal(MqttClientPublishReasonCode.Success, await five.PublishAsync(UplinkTopics.Transactions(Five), "batch of 5"));

        Assert.True(await ingest.ReceivesAsync("batch of 5"));
        Assert.Empty(seven.Received);
    }

    /// <summary>Issue 14: terminal 7 under client id terminal-5 used to kick terminal 5 off and destroy its queued acks.</summary>
    [Fact]
    public async Task AnotherTerminalsClientIdIsRefusedAndItsOwnerStaysConnected()
    {
        await using var broker = await StartAsync();
        await using var ingest = await broker.ConnectIngestAsync();
        await using var five = await broker.ConnectTerminalAsync(Five);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await five.SubscribeAsync(UplinkTopics.Acks(Five)));

        await using var takeover = await broker.ConnectAsync(
            BrokerIdentity.Terminal(Five), BrokerIdentity.Terminal(Seven), broker.TerminalPasswords[Seven]);

        Assert.Equal(BorrowedClientId, takeover.ConnectResult);
        Assert.Equal(MqttClientPublishReasonCode.Success, await ingest.PublishAsync(UplinkTopics.Acks(Five), "ack for 5 after the attempt"));
        Assert.True(await five.ReceivesAsync("ack for 5 after the attempt"));
        Assert.True(five.IsConnected);
    }

    [Fact]
    public async Task RevokingATerminalDropsItAndRefusesItsNextConnection()
    {
        await using var broker = await StartAsync();
        await using var five = await broker.ConnectTerminalAsync(Five);
        Assert.Equal(MqttClientConnectResultCode.Success, five.ConnectResult);

        await broker.RevokeAsync(Five);

        Assert.True(await Eventually.TrueAsync(() => !five.IsConnected), "the revoked terminal stayed connected");
        await using var again = await broker.ConnectTerminalAsync(Five);
        Assert.Equal(BadCredentials, again.ConnectResult);
        await using var seven = await broker.ConnectTerminalAsync(Seven);
        Assert.Equal(MqttClientConnectResultCode.Success, seven.ConnectResult);
    }

    /// <summary>Further checks a broker makes after a refused foreign publish (the embedded one counts it).</summary>
    protected virtual void AfterForeignPublish(SecuredBroker broker)
    {
    }

    /// <summary>Further checks on the SUBACK of a foreign subscription (Mosquitto 2.0 grants it but never delivers).</summary>
    protected virtual void AfterForeignSubscription(SecuredBroker broker, MqttClientSubscribeResultCode result)
    {
    }
}
