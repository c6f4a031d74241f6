using Backend.Ingest.Hosting;
using MQTTnet;
using MQTTnet.Protocol;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Ingest;

/// <summary>
/// One backend MQTT connection (MQTTnet 5, which has no managed client), used by each ingest worker and by the
/// status consumer: keeps it up with a doubling back-off (0.5 s to 30 s, reset by a successful connection),
/// subscribes again after every reconnect, keeps a persistent session, and leaves the PUBACK of every received
/// message to its owner, which sends it only once the message is handled (a batch committed and acknowledged to
/// its terminal, a status recorded). A broker redelivers what was never PUBACKed.
/// </summary>
public sealed class BrokerConnection : IDisposable
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Long enough to ride out a worker restart or a network blip; a worker gone for good leaves no queue forever.</summary>
    private const uint SessionExpirySeconds = 600;

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly IBrokerEndpoint _endpoint;
    private readonly string _clientId;
    private readonly string _topicFilter;
    private readonly IConnectionCounters _counters;
    private readonly ILogger _logger;
    private TaskCompletionSource _lost = NewSignal();
    private int _generation;

    /// <param name="onMessage">Called for each received message, with the <see cref="Generation"/> it arrived in.</param>
    public BrokerConnection(
        IBrokerEndpoint endpoint, string clientId, string topicFilter, IConnectionCounters counters, ILogger logger,
        Func<MqttApplicationMessageReceivedEventArgs, int, Task> onMessage)
    {
        _endpoint = endpoint;
        _clientId = clientId;
        _topicFilter = topicFilter;
        _counters = counters;
        _logger = logger;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            return onMessage(e, Generation);
        };
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                // Before any reconnect: a message of the next connection never carries this connection's number.
                Interlocked.Increment(ref _generation);
                _lost.TrySetResult();
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Counts connections: a PUBACK is sent only on the connection its PUBLISH arrived on, because packet ids
    /// belong to a connection's session and the same id may name another message after a reconnect.
    /// </summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Connects, and reconnects after every loss, until <paramref name="cancellation"/>.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
        var wasConnected = false;
        while (!cancellation.IsCancellationRequested)
        {
            var lost = _lost = NewSignal();
            if (!await TryConnectAsync(cancellation))
            {
                await Task.Delay(backoff.Next(), cancellation);
                continue;
            }

            backoff.Reset();
            if (wasConnected)
            {
                _counters.Reconnected();
            }

            wasConnected = true;
            _counters.Subscribed();
            try
            {
                await lost.Task.WaitAsync(cancellation);
                _logger.LogWarning("MQTT client {ClientId} lost the broker; reconnecting", _clientId);
            }
            finally
            {
                _counters.Disconnected();
            }
        }
    }

    /// <summary>Publishes the ack of a committed batch to its terminal (QoS 1); false when the broker did not take it.</summary>
    public Task<bool> PublishAckAsync(uint terminalId, uint upToSequence, CancellationToken cancellation)
    {
        var ack = new byte[AckCodec.Size];
        AckCodec.Encode(terminalId, upToSequence, ack, 0);
        return PublishAsync(UplinkTopics.Acks(terminalId), ack, cancellation);
    }

    /// <summary>
    /// Publishes <paramref name="payload"/> on <paramref name="topic"/> at QoS 1, not retained; false when the broker did
    /// not take it, for whatever reason the link gave, cancellation included: the caller's answer is the same either way
    /// (what was not confirmed is asked for again), and a link failure during a stop must not fail the host.
    /// </summary>
    public async Task<bool> PublishAsync(string topic, byte[] payload, CancellationToken cancellation)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            return _client.IsConnected && (await _client.PublishAsync(message, cancellation)).IsSuccess;
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Sends the PUBACK of a message received in <paramref name="generation"/>, unless that connection is gone or the
    /// link fails or <paramref name="cancellation"/> stops it: then the broker redelivers the message.
    /// </summary>
    public async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs message, int generation, CancellationToken cancellation)
    {
        if (generation != Generation || !_client.IsConnected)
        {
            return;
        }

        try
        {
            await message.AcknowledgeAsync(cancellation);
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            _logger.LogDebug(e, "PUBACK not sent; the broker will redeliver");
        }
    }

    public async Task DisconnectAsync()
    {
        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(OperationTimeout);
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
            }
            catch (Exception e) when (IsConnectionFailure(e, timeout.Token))
            {
                _logger.LogDebug(e, "MQTT client {ClientId} could not disconnect cleanly", _clientId);
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> TryConnectAsync(CancellationToken cancellation)
    {
        BrokerAddress address;
        try
        {
            address = await _endpoint.ResolveAsync(cancellation);
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(address.Host, address.Port)
                .WithClientId(_clientId)
                .WithCredentials(address.User, address.Password)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithCleanStart(false)
                .WithSessionExpiryInterval(SessionExpirySeconds)
                .WithTimeout(OperationTimeout);
            address.Tls?.Apply(builder);
            var options = builder.Build();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(OperationTimeout);
            var connected = await _client.ConnectAsync(options, timeout.Token);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                _logger.LogWarning("Broker {Host}:{Port} refused MQTT client {ClientId}: {Code}", address.Host, address.Port, _clientId, connected.ResultCode);
                return false;
            }

            var subscribed = await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
            var refused = subscribed.Items.FirstOrDefault(i => i.ResultCode != MqttClientSubscribeResultCode.GrantedQoS1);
            if (refused is not null)
            {
                _logger.LogError("Broker refused MQTT client {ClientId} the subscription {Filter}: {Code}", _clientId, _topicFilter, refused.ResultCode);
                await DisconnectAsync();
                return false;
            }
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellation))
        {
            _logger.LogWarning("MQTT client {ClientId} cannot reach the broker: {Reason}", _clientId, e.Message);
            return false;
        }

        _logger.LogInformation("MQTT client {ClientId} connected to {Host}:{Port} and subscribed to {Filter}", _clientId, address.Host, address.Port, _topicFilter);
        return true;
    }

    /// <summary>Failures of the link (to retry), as opposed to its owner being stopped.</summary>
    private static bool IsConnectionFailure(Exception e, CancellationToken cancellation) => !cancellation.IsCancellationRequested && IsLinkFailure(e);

    /// <summary>
    /// What MQTTnet throws when the link fails or an operation is cancelled or times out. A PUBACK wait that the
    /// caller's token cancels ends in a <see cref="MQTTnet.Exceptions.MqttCommunicationTimedOutException"/>, not an
    /// <see cref="OperationCanceledException"/>: a publish in flight when its owner stops ends that way.
    /// </summary>
    private static bool IsLinkFailure(Exception e) =>
        e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or System.Net.Sockets.SocketException;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
