using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Composition
{
    /// <summary>The link of a terminal without network settings: it never connects, so the journal keeps everything.</summary>
    public sealed class NoUplink : IUplink
    {
        public bool IsConnected => false;

        public bool Connect() => false;

        public bool Publish(string topic, byte[] payload, int offset, int count, bool retain) => false;

        public int Receive(byte[] topic, out int topicLength, byte[] payload)
        {
            topicLength = 0;
            return -1;
        }
    }
}
