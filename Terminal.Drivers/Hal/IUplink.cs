namespace Terminal.Drivers.Hal
{
    /// <summary>
    /// The terminal's MQTT link. Publishes are QoS 1; the board owns the broker
    /// address, credentials and last will. Nothing here blocks for long: the
    /// firmware polls.
    /// </summary>
    public interface IUplink
    {
        bool IsConnected { get; }

        /// <summary>Tries one connection (with a clean-session-off subscription to the terminal's downlink topics); false when it failed.</summary>
        bool Connect();

        /// <summary>Queues a QoS 1 publish; false when the link is down.</summary>
        bool Publish(string topic, byte[] payload, int offset, int count, bool retain);

        /// <summary>
        /// Moves the next received message into the caller's buffers. Returns the
        /// payload length, or -1 when nothing is waiting; a message longer than
        /// <paramref name="payload"/> is dropped and reported as -2, and so is each
        /// message a link with a bounded inbox had no room for (one -2 per message).
        /// </summary>
        int Receive(byte[] topic, out int topicLength, byte[] payload);
    }
}
