using Terminal.Drivers.Hal;

namespace Terminal.Tests.Downlink;

/// <summary>An MQTT link in memory: the test queues inbound messages and reads what the terminal published.</summary>
internal sealed class QueueLink : IUplink
{
    private readonly Queue<(string Topic, byte[] Payload)> _inbound = new();

    public List<(string Topic, byte[] Payload, bool Retain)> Published { get; } = [];

    public bool LinkUp { get; set; } = true;

    public bool IsConnected { get; private set; }

    public bool Connect() => IsConnected = LinkUp;

    public void Drop() => IsConnected = false;

    public void Deliver(string topic, byte[] payload) => _inbound.Enqueue((topic, payload));

    public int Waiting => _inbound.Count;

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        Published.Add((topic, payload[offset..(offset + count)], retain));
        return true;
    }

    public int Receive(byte[] topic, out int topicLength, byte[] payload)
    {
        topicLength = 0;
        if (!IsConnected || !_inbound.TryDequeue(out var message))
        {
            return -1;
        }

        if (message.Payload.Length > payload.Length)
        {
            return -2;
        }

        topicLength = message.Topic.Length;
        for (int i = 0; i < topicLength; i++)
        {
            topic[i] = (byte)message.Topic[i];
        }

        message.Payload.CopyTo(payload, 0);
        return message.Payload.Length;
    }
}
