using Terminal.Drivers.Hal;
using Terminal.Firmware.Journal;

namespace Terminal.Firmware.Sync
{
    /// <summary>
    /// Uploads the journal (docs/protocol.md): batches of unacknowledged records on the terminal's tx topic at
    /// QoS 1, the backend's ack (sent only after its commit) on the ack topic, and only then the journal reclaims
    /// space. A batch not acked in time is sent again, which the backend's idempotent store absorbs; each resend
    /// doubles the wait (10 s up to 60 s) until an ack comes, so a fleet facing a slow backend does not bury it in
    /// resends. A lost link is retried with a doubling back-off; after a reconnect, upload resumes from the last ack.
    /// After the journal was rewound (a Resend downlink, docs/protocol.md) the agent drops the batch in flight, uploads
    /// again from the rewind point, and refuses acks beyond what it sent since: they were sent before the backend's
    /// restore, for records the restored database lacks, and taking them would let the journal reclaim those records.
    /// </summary>
    public sealed class SyncAgent
    {
        public const int MaxBatchRecords = 64;
        public const long AckTimeoutMicroseconds = 10000000;
        public const long MaxAckTimeoutMicroseconds = 60000000;
        public const long FirstRetryMicroseconds = 1000000;
        public const long MaxRetryMicroseconds = 60000000;
        private const int MaxTopicLength = 64;

        private readonly IUplink _uplink;
        private readonly Journal.Journal _journal;
        private readonly IClock _clock;
        private readonly uint _terminalId;
        private readonly string _txTopic;
        private readonly TopicBytes _ackTopic;
        private readonly byte[] _batch = new byte[BatchCodec.LengthFor(MaxBatchRecords)];
        private readonly BatchHeader _header = new BatchHeader();
        private readonly byte[] _topic = new byte[MaxTopicLength];
        private readonly byte[] _payload = new byte[AckCodec.Size * 4];
        private long _retryDelay = FirstRetryMicroseconds;
        private long _ackTimeout = AckTimeoutMicroseconds;
        private long _nextConnectAt;
        private bool _inFlight;
        private uint _inFlightLast;
        private long _inFlightSentAt;
        private int _rewindsSeen;
        private bool _guardingRewind;
        private uint _sentSinceRewindUpTo;

        public SyncAgent(IUplink uplink, Journal.Journal journal, IClock clock, uint terminalId)
        {
            _uplink = uplink;
            _journal = journal;
            _clock = clock;
            _terminalId = terminalId;
            _txTopic = UplinkTopics.Transactions(terminalId);
            _ackTopic = new TopicBytes(UplinkTopics.Acks(terminalId));
        }

        /// <summary>Batches sent, resends included.</summary>
        public int BatchesSent { get; private set; }

        /// <summary>Acks refused: damaged, for another terminal, or beyond what the journal issued.</summary>
        public int AcksRefused { get; private set; }

        public int ConnectAttempts { get; private set; }

        /// <summary>Acks refused because they acknowledge records not sent again since the last rewind (late acks of the old backend).</summary>
        public int LateAcksRefused { get; private set; }

        /// <summary>One pass: keep the link, take in acks, send what is due. Call from the main loop.</summary>
        public void Step()
        {
            long now = _clock.MonotonicMicroseconds;
            if (_journal.Rewinds != _rewindsSeen)
            {
                _rewindsSeen = _journal.Rewinds;
                _guardingRewind = true;
                _sentSinceRewindUpTo = _journal.AcknowledgedUpTo;
                _inFlight = false;
                _ackTimeout = AckTimeoutMicroseconds;
            }

            if (!_uplink.IsConnected)
            {
                _inFlight = false;
                if (now < _nextConnectAt)
                {
                    return;
                }

                ConnectAttempts++;
                if (!_uplink.Connect())
                {
                    _nextConnectAt = now + _retryDelay;
                    _retryDelay = _retryDelay * 2 > MaxRetryMicroseconds ? MaxRetryMicroseconds : _retryDelay * 2;
                    return;
                }

                _retryDelay = FirstRetryMicroseconds;
            }

            TakeAcks();
            if (_inFlight)
            {
                if (now - _inFlightSentAt < _ackTimeout)
                {
                    return;
                }

                _ackTimeout = _ackTimeout * 2 > MaxAckTimeoutMicroseconds ? MaxAckTimeoutMicroseconds : _ackTimeout * 2;
            }

            SendNextBatch(now);
        }

        private void TakeAcks()
        {
            int length;
            while ((length = _uplink.Receive(_topic, out int topicLength, _payload)) != -1)
            {
                if (length < 0 || !_ackTopic.Matches(_topic, topicLength))
                {
                    continue;
                }

                uint terminal;
                uint upTo;
                if (AckCodec.Decode(_payload, 0, length, out terminal, out upTo) != WireStatus.Ok || terminal != _terminalId)
                {
                    AcksRefused++;
                    continue;
                }

                if (_guardingRewind && upTo > _sentSinceRewindUpTo)
                {
                    LateAcksRefused++;
                    continue;
                }

                if (_journal.Acknowledge(upTo) != JournalStatus.Ok)
                {
                    AcksRefused++;
                    continue;
                }

                if (_inFlight && upTo >= _inFlightLast)
                {
                    _inFlight = false;
                    _ackTimeout = AckTimeoutMicroseconds;
                }
            }
        }

        private void SendNextBatch(long now)
        {
            _inFlight = false;
            if (!_journal.HasUnacknowledged)
            {
                return;
            }

            int count = _journal.ReadBatch(_journal.AcknowledgedUpTo + 1, _batch, BatchCodec.HeaderSize, MaxBatchRecords);
            if (count == 0 || BatchCodec.Seal(_batch, 0, _terminalId, count, _header) != WireStatus.Ok)
            {
                return;
            }

            if (_uplink.Publish(_txTopic, _batch, 0, BatchCodec.LengthFor(count), false))
            {
                BatchesSent++;
                _inFlight = true;
                _inFlightLast = _header.LastSequence;
                _inFlightSentAt = now;
                if (_header.LastSequence > _sentSinceRewindUpTo)
                {
                    _sentSinceRewindUpTo = _header.LastSequence;
                }
            }
        }
    }
}
