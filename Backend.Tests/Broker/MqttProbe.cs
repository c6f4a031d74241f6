using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Backend.Tests.Broker;

/// <summary>An MQTT 5 client for the security tests (so refusals come back with reason codes), recording what it receives.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<MqttApplicationMessage> _received = new();

    private MqttProbe()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public MqttClientConnectResultCode ConnectResult { get; private set; }

    public bool IsConnected => _client.IsConnected;

    public IReadOnlyCollection<MqttApplicationMessage> Received => _received;

    /// <param name="tls">Over TLS (verified against the operator CA, optionally with a client certificate); null: plaintext.</param>
    public static async Task<MqttProbe> ConnectAsync(int port, string clientId, string userName, string password, Backend.Ingest.Tls.BrokerTlsClient? tls = null)
    {
        var probe = new MqttProbe();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithCredentials(userName, password)
            .WithTimeout(Timeout);
        tls?.Apply(options);
        probe.ConnectResult = (await probe._client.ConnectAsync(options.Build())).ResultCode;
        return probe;
    }

    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, string payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        return (await _client.PublishAsync(message)).ReasonCode;
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return result.Items.Single().ResultCode;
    }

    /// <summary>Waits until a message with this payload arrives; false after the timeout.</summary>
    public Task<bool> ReceivesAsync(string payload) => Eventually.TrueAsync(() => _received.Any(m => m.ConvertPayloadToString() == payload));

    public bool HasReceived(string payload) => _received.Any(m => m.ConvertPayloadToString() == payload);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
