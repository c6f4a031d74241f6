namespace Terminal.Firmware.Sync
{
    /// <summary>
    /// Messages an MQTT client received, held for the firmware's poll (<see cref="Terminal.Drivers.Hal.IUplink.Receive"/>).
    /// The client's receive thread offers; the main loop takes. At most <see cref="Capacity"/> wait: the client has
    /// confirmed a message before handing it over, so one that does not fit is lost to the terminal, and it is
    /// counted and reported by <see cref="Take"/> as -2 in its place, never dropped without a word. What is lost
    /// comes again: an ack by the batch's resend, a downlink at the next status that shows the old version.
    /// <para>Invariants: messages come out in the order they came in; each lost message yields exactly one -2,
    /// once the messages held before it are taken. Allocation: none (the client's own strings and arrays
    /// are held, not copied).</para>
    /// </summary>
    public sealed class UplinkInbox
    {
        public const int Capacity = 16;

        private readonly string?[] _topics = new string?[Capacity];
        private readonly byte[]?[] _payloads = new byte[]?[Capacity];
        private readonly object _gate = new object();
        private int _first;
        private int _count;
        private int _lostUnreported;

        /// <summary>All messages lost to a full inbox since start.</summary>
        public int Lost { get; private set; }

        /// <summary>Holds a received message; false (and counted) when <see cref="Capacity"/> are waiting.</summary>
        public bool Offer(string topic, byte[] payload)
        {
            lock (_gate)
            {
                if (_count == Capacity)
                {
                    Lost++;
                    _lostUnreported++;
                    return false;
                }

                int slot = (_first + _count) % Capacity;
                _topics[slot] = topic;
                _payloads[slot] = payload;
                _count++;
                return true;
            }
        }

        /// <summary>
        /// Moves the oldest message into the caller's buffers (the topic as its 7-bit characters) and returns the
        /// payload length; -1 when nothing waits; -2 for a message that does not fit the buffers, or in place of
        /// one lost to a full inbox.
        /// </summary>
        public int Take(byte[] topic, out int topicLength, byte[] payload)
        {
            topicLength = 0;
            string name;
            byte[] body;
            lock (_gate)
            {
                if (_count == 0)
                {
                    if (_lostUnreported == 0)
                    {
                        return -1;
                    }

                    _lostUnreported--;
                    return -2;
                }

                name = _topics[_first]!;
                body = _payloads[_first]!;
                _topics[_first] = null;
                _payloads[_first] = null;
                _first = (_first + 1) % Capacity;
                _count--;
            }

            if (body.Length > payload.Length || name.Length > topic.Length)
            {
                return -2;
            }

            for (int i = 0; i < name.Length; i++)
            {
                topic[i] = (byte)name[i];
            }

            topicLength = name.Length;
            System.Array.Copy(body, payload, body.Length);
            return body.Length;
        }
    }
}
