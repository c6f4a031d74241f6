using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Ingest;

/// <summary>A terminal reduced to its MQTT traffic: it publishes whatever bytes a test gives it and collects the acks it gets.</summary>
internal sealed class RawTerminal : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private RawTerminal(uint id) => Id = id;

    public uint Id { get; }

    /// <summary>Every ack's acknowledged-up-to sequence, in arrival order.</summary>
    public ConcurrentQueue<uint> Acks { get; } = new();

    /// <param name="password">Its provisioned password on a secured broker: it then logs in as <c>terminal-{id}</c> with that client id.</param>
    public static async Task<RawTerminal> ConnectAsync(int port, uint id, string? password = null)
    {
        var terminal = new RawTerminal(id);
        terminal._client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload.ToArray();
            Assert.Equal(WireStatus.Ok, AckCodec.Decode(payload, 0, payload.Length, out var terminalId, out var upTo));
            Assert.Equal(id, terminalId);
            terminal.Acks.Enqueue(upTo);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500);
        options = password is null
            ? options.WithClientId($"terminal-{id}-{Guid.NewGuid():N}")
            : options.WithClientId($"terminal-{id}").WithCredentials($"terminal-{id}", password);
        await terminal._client.ConnectAsync(options.Build());
        await terminal._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(UplinkTopics.Acks(id), MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return terminal;
    }

    public Task PublishBatchAsync(byte[] payload) => PublishAsync(UplinkTopics.Transactions(Id), payload);

    public async Task PublishAsync(string topic, byte[] payload)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(result.IsSuccess, result.ReasonString);
    }

    public Task WaitForAckAsync(uint upTo, int seconds = 20) =>
        Eventually.TrueAsync(() => Task.FromResult(Acks.Contains(upTo)), $"terminal {Id} was not acknowledged up to {upTo}", seconds);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
