namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// An MQTT topic as the ASCII bytes the link hands over (topics here are ASCII: fixed words and decimal ids),
    /// so a received topic is recognised without building a string on every message.
    /// </summary>
    public sealed class TopicBytes
    {
        private readonly byte[] _bytes;

        public TopicBytes(string topic)
        {
            _bytes = new byte[topic.Length];
            for (int i = 0; i < topic.Length; i++)
            {
                _bytes[i] = (byte)topic[i];
            }
        }

        /// <summary>True when the first <paramref name="length"/> bytes of <paramref name="topic"/> are this topic.</summary>
        public bool Matches(byte[] topic, int length)
        {
            if (length != _bytes.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (topic[i] != _bytes[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
