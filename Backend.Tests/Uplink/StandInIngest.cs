using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using Terminal.Firmware.Journal;

namespace Backend.Tests.Uplink;

/// <summary>
/// A stand-in for the ingest service on a real broker, until Backend.Ingest has its own: it stores each batch's
/// records insert-or-ignore by (terminal, sequence), then publishes the ack.
/// </summary>
internal sealed class StandInIngest : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public ConcurrentDictionary<(uint Terminal, uint Sequence), byte[]> Stored { get; } = new();

    public async Task ConnectAsync(int port)
    {
        _client.ApplicationMessageReceivedAsync += OnBatchAsync;
        await ReconnectAsync(port);
    }

    public async Task ReconnectAsync(int port)
    {
        await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("ingest").Build());
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(UplinkTopics.Prefix + "+/tx", MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private async Task OnBatchAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = e.ApplicationMessage.Payload.ToArray();
        var header = new BatchHeader();
        if (BatchCodec.Decode(payload, 0, payload.Length, header) != WireStatus.Ok)
        {
            return;
        }

        for (var i = 0; i < header.Count; i++)
        {
            var at = BatchCodec.RecordOffset(0, i);
            Stored.TryAdd((header.TerminalId, TxRecordCodec.ReadSequence(payload, at)), payload[at..(at + TxRecordCodec.Size)]);
        }

        var ack = new byte[AckCodec.Size];
        AckCodec.Encode(header.TerminalId, header.LastSequence, ack, 0);
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(UplinkTopics.Acks(header.TerminalId)).WithPayload(ack)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }
}
