using Terminal.Drivers.Hal;
using Terminal.Firmware.Journal;
using Xunit;

namespace Terminal.Tests.Sync;

/// <summary>
/// The terminal's MQTT link with a stand-in for the ingest service behind it: it stores each batch's records
/// keyed by (terminal, sequence), insert-or-ignore, and acks only then. The test can cut the link and lose acks.
/// </summary>
internal sealed class LoopbackUplink(uint terminalId) : IUplink
{
    private readonly Queue<(string Topic, byte[] Payload)> _downlink = new();

    public Dictionary<uint, byte[]> Stored { get; } = [];

    public bool LinkUp { get; set; } = true;

    public int Publishes { get; private set; }

    /// <summary>Drops the ack of every n-th batch (0: none).</summary>
    public int LoseEveryNthAck { get; set; }

    public bool IsConnected { get; private set; }

    public bool Connect()
    {
        IsConnected = LinkUp;
        return IsConnected;
    }

    public void Disconnect() => IsConnected = false;

    public void Deliver(string topic, byte[] payload) => _downlink.Enqueue((topic, payload));

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (!IsConnected || !LinkUp)
        {
            IsConnected = false;
            return false;
        }

        Publishes++;
        Assert.Equal(UplinkTopics.Transactions(terminalId), topic);
        var header = new BatchHeader();
        Assert.Equal(WireStatus.Ok, BatchCodec.Decode(payload, offset, count, header));
        for (var i = 0; i < header.Count; i++)
        {
            var at = BatchCodec.RecordOffset(offset, i);
            Stored.TryAdd(TxRecordCodec.ReadSequence(payload, at), payload[at..(at + TxRecordCodec.Size)]);
        }

        if (LoseEveryNthAck == 0 || Publishes % LoseEveryNthAck != 0)
        {
            var ack = new byte[AckCodec.Size];
            AckCodec.Encode(header.TerminalId, header.LastSequence, ack, 0);
            _downlink.Enqueue((UplinkTopics.Acks(terminalId), ack));
        }

        return true;
    }

    public int Receive(byte[] topic, out int topicLength, byte[] payload)
    {
        topicLength = 0;
        if (!IsConnected || _downlink.Count == 0)
        {
            return -1;
        }

        var (name, message) = _downlink.Dequeue();
        if (message.Length > payload.Length)
        {
            return -2;
        }

        topicLength = name.Length;
        for (var i = 0; i < name.Length; i++)
        {
            topic[i] = (byte)name[i];
        }

        message.CopyTo(payload, 0);
        return message.Length;
    }
}
