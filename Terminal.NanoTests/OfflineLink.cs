using Terminal.Drivers.Hal;

namespace Terminal.NanoTests
{
    /// <summary>A link that never connects: downlink messages are handed to the agent directly.</summary>
    public sealed class OfflineLink : IUplink
    {
        public bool IsConnected
        {
            get { return false; }
        }

        public bool Connect()
        {
            return false;
        }

        public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            return false;
        }

        public int Receive(byte[] topic, out int topicLength, byte[] payload)
        {
            topicLength = 0;
            return -1;
        }
    }
}
