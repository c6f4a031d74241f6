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
/// </summary>
public sealed class MqttUplink(MqttUplinkSettings settings) : IUplink, IDisposable
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(5);

    private readonly IMqttClient _client = CreateClient();
    private readonly ConcurrentQueue<MqttApplicationMessage> _received = new();
    private bool _handlerAttached;

    public bool IsConnected => _client.IsConnected;

    public bool Connect()
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
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(settings.Host, settings.Port)
                .WithClientId(settings.ClientId)
                .WithCredentials(settings.UserName, settings.Password)
                .WithCleanSession(false)
                .WithSessionExpiryInterval(uint.MaxValue)
                .WithWillTopic(settings.StatusTopic)
                .WithWillPayload("offline"u8.ToArray())
                .WithWillRetain()
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTimeout(OperationTimeout)
                .Build();
            using var timeout = new CancellationTokenSource(OperationTimeout);
            var result = _client.ConnectAsync(options, timeout.Token).GetAwaiter().GetResult();
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return false;
            }

            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var topic in settings.Subscriptions)
            {
                subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            _client.SubscribeAsync(subscribe.Build(), timeout.Token).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
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

        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload.AsSpan(offset, count).ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build();
            using var timeout = new CancellationTokenSource(OperationTimeout);
            return _client.PublishAsync(message, timeout.Token).GetAwaiter().GetResult().IsSuccess;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
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

    public void Dispose() => _client.Dispose();

    private static IMqttClient CreateClient() => new MqttClientFactory().CreateMqttClient();
}

/// <summary>Where and as whom a terminal connects.</summary>
public sealed record MqttUplinkSettings(string Host, int Port, string ClientId, string UserName, string Password, string StatusTopic, IReadOnlyList<string> Subscriptions);
