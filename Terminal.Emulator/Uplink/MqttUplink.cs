using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using Terminal.Drivers.Hal;

namespace Terminal.Emulator.Uplink;

/// <summary>
/// The host board's MQTT link (MQTTnet 5), with the terminal's identity: its own credentials, a persistent
/// session and a QoS 1 subscription to its downlink topics, and a retained last will on its status topic.
/// MQTTnet 5 has no managed client: the firmware's sync loop calls <see cref="Connect"/> again after a loss.
/// A publish is queued, not awaited: the firmware loop never waits for a PUBACK, which lets one host thread
/// drive hundreds of terminals. A publish lost on the way is the sync agent's to resend: it waits for the
/// backend's ack, never for the broker's PUBACK.
/// </summary>
public sealed class MqttUplink(MqttUplinkSettings settings) : IUplink, IDisposable
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client = CreateClient();
    private readonly ConcurrentQueue<MqttApplicationMessage> _received = new();
    private bool _handlerAttached;
    private int _publishesFailed;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Queued publishes the broker never confirmed (the link fell meanwhile).</summary>
    public int PublishesFailed => Volatile.Read(ref _publishesFailed);

    public bool Connect() => ConnectAsync().GetAwaiter().GetResult();

    /// <summary>The same connection attempt for hosts that connect many terminals at once without holding a thread each.</summary>
    public async Task<bool> ConnectAsync()
    {
        if (!_handlerAttached)
        {
            _client.ApplicationMessageReceivedAsync += e =>
            {
                _received.Enqueue(e.ApplicationMessage);
                return Task.CompletedTask;
            };
            _handlerAttached = true;
        }

        try
        {
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(settings.Host, settings.Port)
                .WithClientId(settings.ClientId)
                .WithCredentials(settings.UserName, settings.Password)
                .WithCleanSession(false)
                .WithSessionExpiryInterval(uint.MaxValue)
                .WithWillTopic(settings.StatusTopic)
                .WithWillPayload(settings.WillPayload)
                .WithWillRetain()
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTimeout(OperationTimeout);
            settings.Tls?.Apply(builder);
            var options = builder.Build();
            using var timeout = new CancellationTokenSource(OperationTimeout);
            var result = await _client.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return false;
            }

            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var topic in settings.Subscriptions)
            {
                subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await _client.SubscribeAsync(subscribe.Build(), timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            return false;
        }
    }

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.AsSpan(offset, count).ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        _ = SendAsync(message);
        return true;
    }

    public int Receive(byte[] topic, out int topicLength, byte[] payload)
    {
        topicLength = 0;
        if (!_received.TryDequeue(out var message))
        {
            return -1;
        }

        var body = message.Payload;
        if (body.Length > payload.Length || message.Topic.Length > topic.Length)
        {
            return -2;
        }

        topicLength = System.Text.Encoding.ASCII.GetBytes(message.Topic, topic);
        body.CopyTo(payload);
        return (int)body.Length;
    }

    /// <summary>
    /// Drops the connection as a lost network would: the broker publishes the last will. The persistent session
    /// (and the acks queued in it) waits for the next <see cref="Connect"/>.
    /// </summary>
    public void Drop()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(OperationTimeout);
            var options = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build();
            _client.DisconnectAsync(options, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task SendAsync(MqttApplicationMessage message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(OperationTimeout);
            if (!(await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false)).IsSuccess)
            {
                Interlocked.Increment(ref _publishesFailed);
            }
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            Interlocked.Increment(ref _publishesFailed);
        }
    }

    private static bool IsLinkFailure(Exception e) =>
        e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException;

    private static IMqttClient CreateClient() => new MqttClientFactory().CreateMqttClient();
}

/// <summary>
/// Where and as whom a terminal connects; the last will is the status topic's offline form. <see cref="Tls"/> set: over
/// TLS, the broker verified against the operator CA as the device does (docs/broker-security.md), optionally with the
/// terminal's client certificate.
/// </summary>
public sealed record MqttUplinkSettings(
    string Host, int Port, string ClientId, string UserName, string Password, string StatusTopic, IReadOnlyList<string> Subscriptions, byte[] WillPayload)
{
    public Backend.Ingest.Tls.BrokerTlsClient? Tls { get; init; }

    /// <summary>
    /// A terminal's own identity on the broker (docs/protocol.md): client id and user <c>terminal-{id}</c>, its
    /// ack and config subscriptions, and the offline status as its retained last will.
    /// </summary>
    public static MqttUplinkSettings ForTerminal(string host, int port, uint terminalId, string password)
    {
        var will = new byte[Terminal.Firmware.Downlink.StatusCodec.MaxOfflineSize];
        var willPayload = will[..Terminal.Firmware.Downlink.StatusCodec.EncodeOffline(terminalId, will, 0)];
        return new(
            host, port, $"terminal-{terminalId}", $"terminal-{terminalId}", password, Terminal.Firmware.Downlink.DownlinkTopics.Status(terminalId),
            [Terminal.Firmware.Journal.UplinkTopics.Acks(terminalId), Terminal.Firmware.Downlink.DownlinkTopics.Config(terminalId)],
            willPayload);
    }
}
