using Terminal.Drivers.Hal;
using Terminal.Firmware.Journal;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// Shares the terminal's one MQTT link between the <c>SyncAgent</c> (acks) and the <see cref="DownlinkAgent"/>
    /// (config). The sync agent gets this router as its IUplink; the router receives every message into one buffer
    /// big enough for a downlink message and holds a config message until the downlink agent has taken it, answering
    /// the sync agent "nothing waiting" meanwhile. So no message is copied twice, a fare table is never applied
    /// inside the ack loop, and each main-loop pass handles at most one config message.
    /// </summary>
    public sealed class DownlinkRouter : IUplink
    {
        private const int MaxTopicLength = 64;

        private readonly IUplink _link;
        private readonly TopicBytes _configTopic;
        private readonly byte[] _topic = new byte[MaxTopicLength];
        private readonly byte[] _payload = new byte[DownlinkCodec.MaxMessageBytes];
        private int _topicLength;
        private int _length;
        private bool _holding;
        private bool _holdingConfig;

        public DownlinkRouter(IUplink link, uint terminalId)
        {
            _link = link;
            _configTopic = new TopicBytes(DownlinkTopics.Config(terminalId));
        }

        /// <summary>
        /// Messages the link reported lost (-2 from <see cref="IUplink.Receive"/>): longer than
        /// <see cref="DownlinkCodec.MaxMessageBytes"/>, or arrived while its inbox was full.
        /// </summary>
        public int DroppedMessages { get; private set; }

        public bool IsConnected
        {
            get { return _link.IsConnected; }
        }

        /// <summary>The held config message; valid after <see cref="NextConfig"/> returned its length.</summary>
        public byte[] ConfigPayload
        {
            get { return _payload; }
        }

        /// <summary>Successful connections so far: a reconnect made between two passes still shows.</summary>
        public int Connections { get; private set; }

        public bool Connect()
        {
            if (!_link.Connect())
            {
                return false;
            }

            Connections++;
            return true;
        }

        public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            return _link.Publish(topic, payload, offset, count, retain);
        }

        /// <summary>For the sync agent: the next message that is not a config message.</summary>
        public int Receive(byte[] topic, out int topicLength, byte[] payload)
        {
            topicLength = 0;
            if (!_holding && !Pull())
            {
                return -1;
            }

            if (_holdingConfig)
            {
                return -1;
            }

            _holding = false;
            if (_length > payload.Length || _topicLength > topic.Length)
            {
                return -2;
            }

            System.Array.Copy(_topic, topic, _topicLength);
            System.Array.Copy(_payload, payload, _length);
            topicLength = _topicLength;
            return _length;
        }

        /// <summary>For the downlink agent: the length of the held config message (pulling one if none is held), or -1.</summary>
        public int NextConfig()
        {
            if (!_holding && !Pull())
            {
                return -1;
            }

            return _holdingConfig ? _length : -1;
        }

        /// <summary>Frees the buffer once the config message was handled.</summary>
        public void ReleaseConfig()
        {
            if (_holdingConfig)
            {
                _holding = false;
                _holdingConfig = false;
            }
        }

        private bool Pull()
        {
            int length;
            while ((length = _link.Receive(_topic, out _topicLength, _payload)) == -2)
            {
                DroppedMessages++;
            }

            if (length < 0)
            {
                return false;
            }

            _length = length;
            _holding = true;
            _holdingConfig = _configTopic.Matches(_topic, _topicLength);
            return true;
        }
    }
}
