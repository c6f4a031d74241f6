using System;
using System.Collections;
using System.IO;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// The transaction journal: 32-byte records appended to segment files "journal.1", "journal.2"... on the
    /// storage, uploaded in batches, and kept after the backend acknowledged them until an append needs their room; then
    /// the oldest whole acknowledged segments are reclaimed.
    /// <list type="bullet">
    /// <item>An append is one storage append of one record: durable when it returns.</item>
    /// <item>A power cut can tear the last append. <see cref="Open"/> recognises the torn tail by its length and
    /// CRC, ignores it (storage cannot truncate) and starts the next append in a new segment. Every record is
    /// validated again whenever it is read, so no partial or damaged record is ever handed out.</item>
    /// <item>Sequence numbers strictly rise and are never issued twice: every slot holding any byte spent its
    /// number, and the state file keeps a floor for numbers whose segments were reclaimed.</item>
    /// <item>Capacity counts segment bytes against a budget; the full policy keeps a reserve so that a card write
    /// already journaled can always be closed (docs/protocol.md, "Full policy").</item>
    /// </list>
    /// Segment numbers are consecutive from the state file's head segment, because storage cannot list files.
    /// </summary>
    public sealed class Journal
    {
        /// <summary>1.25 MiB: 20 days of 2,000 taps a day with room to spare.</summary>
        public const int DefaultBudgetBytes = 1310720;

        /// <summary>16 KiB segments: reclaiming frees space in steps of 512 records.</summary>
        public const int DefaultRecordsPerSegment = 512;

        /// <summary>Record slots a record that opens a fare (tap, top-up, QR, refusal) must leave free.</summary>
        public const int OpeningReserveRecords = 16;

        /// <summary>Record slots a terminal event must leave free: kept for closing uncertain card writes.</summary>
        public const int EventReserveRecords = 2;

        public const int NearlyFullPercent = 90;

        private readonly IStorage _storage;
        private readonly int _budgetBytes;
        private readonly int _segmentBytes;
        private readonly int _nearlyFullBytes;

        /// <summary>
        /// How many missing segment files in a row the start-up scan looks past. A file lost to flash corruption
        /// must not end the scan: the segments after it would be ignored, the next append would reuse their
        /// numbers and a later start would find old and new records mixed. A whole budget of full segments is
        /// more than any live run can hold, so nothing live lies further on.
        /// </summary>
        private readonly int _maxSegmentGap;
        private readonly ArrayList _segments = new ArrayList();
        private readonly JournalStateFile _state = new JournalStateFile();
        private readonly byte[] _record = new byte[TxRecordCodec.Size];
        private readonly byte[] _scan = new byte[TxRecordCodec.Size];
        private JournalStatus _openStatus = JournalStatus.NotOpen;
        private uint _nextSequence;
        private uint _lastSequence;
        private int _usedBytes;
        private int _reclaimableBytes;

        public Journal(IStorage storage)
            : this(storage, DefaultBudgetBytes, DefaultRecordsPerSegment)
        {
        }

        public Journal(IStorage storage, int budgetBytes, int recordsPerSegment)
        {
            if (budgetBytes < TxRecordCodec.Size || recordsPerSegment < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(budgetBytes), "The journal needs room for at least one record per segment and budget.");
            }

            _storage = storage;
            _budgetBytes = budgetBytes;
            _segmentBytes = recordsPerSegment * TxRecordCodec.Size;
            _nearlyFullBytes = budgetBytes / 100 * NearlyFullPercent;
            _maxSegmentGap = budgetBytes / _segmentBytes + 1;
        }

        public int BudgetBytes
        {
            get { return _budgetBytes; }
        }

        /// <summary>Bytes of every live segment: unacknowledged records, acknowledged ones not yet reclaimed, torn tails.</summary>
        public int UsedBytes
        {
            get { return _usedBytes; }
        }

        /// <summary>Bytes of the oldest closed segments whose records are all acknowledged: kept, but free for the next append that needs room.</summary>
        public int ReclaimableBytes
        {
            get { return _reclaimableBytes; }
        }

        /// <summary>Counts only what cannot be reclaimed: kept acknowledged records never make the journal look full.</summary>
        public bool IsNearlyFull
        {
            get { return _usedBytes - _reclaimableBytes >= _nearlyFullBytes; }
        }

        /// <summary>The lowest sequence still on flash, or <see cref="NextSequence"/> when none is: how far back a rewind can go.</summary>
        public uint OldestRetainedSequence
        {
            get
            {
                for (int i = 0; i < _segments.Count; i++)
                {
                    var segment = SegmentAt(i);
                    if (segment.HasRecords)
                    {
                        return segment.BaseSequence + FirstValidSlot(segment);
                    }
                }

                return _nextSequence;
            }
        }

        /// <summary>Rewinds since this journal object was opened: the sync agent watches it to drop what it had in flight.</summary>
        public int Rewinds { get; private set; }

        /// <summary>The number the next append will take.</summary>
        public uint NextSequence
        {
            get { return _nextSequence; }
        }

        /// <summary>The highest sequence of a record on flash, or of an acknowledged one; 0 for a new journal.</summary>
        public uint LastSequence
        {
            get { return _lastSequence; }
        }

        public uint AcknowledgedUpTo
        {
            get { return _state.AcknowledgedUpTo; }
        }

        /// <summary>True when there are records the backend has not acknowledged yet.</summary>
        public bool HasUnacknowledged
        {
            get { return _lastSequence > _state.AcknowledgedUpTo; }
        }

        /// <summary>The number of live segment files.</summary>
        public int SegmentCount
        {
            get { return _segments.Count; }
        }

        /// <summary>
        /// Recovers the journal from the storage: loads the state file, deletes segments a cut reclaim left behind,
        /// scans every live segment for valid records (looking past segment files lost to corruption) and works out the next sequence. Call once at start-up.
        /// </summary>
        public JournalStatus Open()
        {
            _segments.Clear();
            _usedBytes = 0;
            _openStatus = JournalStatus.NotOpen;
            try
            {
                if (!_state.Load(_storage))
                {
                    _openStatus = JournalStatus.StateCorrupt;
                    return _openStatus;
                }

                DeleteReclaimedLeftovers();
                uint spent = _state.SequenceFloor - 1;
                if (_state.AcknowledgedUpTo > spent)
                {
                    spent = _state.AcknowledgedUpTo;
                }

                _lastSequence = 0;
                int missing = 0;
                for (uint number = _state.HeadSegment; missing <= _maxSegmentGap; number++)
                {
                    if (_storage.Exists(JournalSegment.NamePrefix + number.ToString()))
                    {
                        spent = ScanSegment(new JournalSegment(number), spent);
                        missing = 0;
                    }
                    else
                    {
                        missing++;
                    }
                }

                if (_state.AcknowledgedUpTo > _lastSequence)
                {
                    _lastSequence = _state.AcknowledgedUpTo;
                }

                _nextSequence = spent + 1;
                _reclaimableBytes = CountReclaimableBytes(_state.AcknowledgedUpTo);
            }
            catch (IOException)
            {
                _segments.Clear();
                return JournalStatus.StorageError;
            }

            _openStatus = JournalStatus.Ok;
            return IsNearlyFull ? JournalStatus.NearlyFull : JournalStatus.Ok;
        }

        /// <summary>True for the statuses of an append whose record is durable: Ok and NearlyFull.</summary>
        public static bool IsDurable(JournalStatus status)
        {
            return status == JournalStatus.Ok || status == JournalStatus.NearlyFull;
        }

        /// <summary>
        /// Gives <paramref name="record"/> the next sequence (written into <see cref="TxRecord.Sequence"/>) and
        /// appends it. Ok or NearlyFull: the record is durable. Any other status: nothing was journaled and the
        /// record's sequence is left as it was.
        /// Allocates nothing unless a new segment file has to be started.
        /// </summary>
        public JournalStatus Append(TxRecord record)
        {
            if (_openStatus != JournalStatus.Ok)
            {
                return _openStatus;
            }

            int needed = TxRecordCodec.Size * (1 + ReserveFor(record.Kind));
            if (_budgetBytes - _usedBytes + _reclaimableBytes < needed)
            {
                return JournalStatus.Full;
            }

            if (_budgetBytes - _usedBytes < needed)
            {
                JournalStatus reclaimed = ReclaimFor(needed);
                if (reclaimed != JournalStatus.Ok)
                {
                    return reclaimed;
                }
            }

            uint given = record.Sequence;
            record.Sequence = _nextSequence;
            if (TxRecordCodec.Encode(record, _record, 0) != RecordStatus.Ok)
            {
                record.Sequence = given;
                return JournalStatus.InvalidRecord;
            }

            JournalSegment tail = AppendableTail();
            try
            {
                _storage.Append(tail.Name, _record, 0, TxRecordCodec.Size);
            }
            catch (IOException)
            {
                record.Sequence = given;
                CloseAfterFailedWrite(tail);
                return JournalStatus.StorageError;
            }

            if (!tail.HasRecords)
            {
                tail.BaseSequence = _nextSequence - (uint)tail.WholeSlots;
                tail.HasRecords = true;
            }

            tail.Length += TxRecordCodec.Size;
            tail.LastSequence = _nextSequence;
            tail.Closed = tail.Length >= _segmentBytes;
            _usedBytes += TxRecordCodec.Size;
            _lastSequence = _nextSequence;
            _nextSequence++;
            return IsNearlyFull ? JournalStatus.NearlyFull : JournalStatus.Ok;
        }

        /// <summary>
        /// Copies up to <paramref name="maxRecords"/> whole valid records with sequence at least
        /// <paramref name="fromSequence"/>, in order, as raw 32-byte records from <paramref name="offset"/>
        /// (e.g. straight after a batch header). Returns how many; 0 when there are none.
        /// </summary>
        public int ReadBatch(uint fromSequence, byte[] buffer, int offset, int maxRecords)
        {
            if (_openStatus != JournalStatus.Ok || offset < 0 || maxRecords < 0 || buffer.Length - offset < maxRecords * TxRecordCodec.Size)
            {
                return 0;
            }

            int count = 0;
            for (int i = 0; i < _segments.Count && count < maxRecords; i++)
            {
                var segment = SegmentAt(i);
                if (segment.HasRecords && segment.LastSequence >= fromSequence)
                {
                    count = ReadFromSegment(segment, fromSequence, buffer, offset, count, maxRecords);
                }
            }

            return count;
        }

        /// <summary>
        /// Records that the backend committed every record up to <paramref name="upToSequence"/> and persists that
        /// with the state file. The records stay on flash until an append needs their room. A repeated or older ack
        /// changes nothing.
        /// </summary>
        public JournalStatus Acknowledge(uint upToSequence)
        {
            if (_openStatus != JournalStatus.Ok)
            {
                return _openStatus;
            }

            if (upToSequence >= _nextSequence)
            {
                return JournalStatus.AckBeyondEnd;
            }

            if (upToSequence <= _state.AcknowledgedUpTo)
            {
                return JournalStatus.Ok;
            }

            try
            {
                _state.Save(_storage, upToSequence, _state.HeadSegment, _nextSequence);
            }
            catch (IOException)
            {
                return JournalStatus.StorageError;
            }

            if (upToSequence > _lastSequence)
            {
                _lastSequence = upToSequence;
            }

            _reclaimableBytes = CountReclaimableBytes(upToSequence);
            return JournalStatus.Ok;
        }

        /// <summary>
        /// Makes every record from <paramref name="fromSequence"/> on unacknowledged again, so that the sync agent
        /// uploads them once more: the backend was restored from a backup that lacks them (docs/protocol.md, resend). One
        /// state-file replace, so a power cut leaves the old or the rewound state. A sequence that is not
        /// acknowledged yet changes nothing (Ok). When the oldest records asked for were already reclaimed, the
        /// journal rewinds to the oldest it still holds and answers <see cref="JournalStatus.RewindBeyondRetained"/>.
        /// </summary>
        public JournalStatus Rewind(uint fromSequence)
        {
            if (_openStatus != JournalStatus.Ok)
            {
                return _openStatus;
            }

            if (fromSequence == 0 || fromSequence > _state.AcknowledgedUpTo)
            {
                return JournalStatus.Ok;
            }

            uint oldest = OldestRetainedSequence;
            uint from = fromSequence < oldest ? oldest : fromSequence;
            if (from <= _state.AcknowledgedUpTo)
            {
                try
                {
                    _state.Save(_storage, from - 1, _state.HeadSegment, _nextSequence);
                }
                catch (IOException)
                {
                    return JournalStatus.StorageError;
                }

                _reclaimableBytes = CountReclaimableBytes(from - 1);
                Rewinds++;
            }

            return from == fromSequence ? JournalStatus.Ok : JournalStatus.RewindBeyondRetained;
        }

        /// <summary>
        /// Deletes the oldest reclaimable segments until <paramref name="needed"/> bytes fit: the state file first
        /// moves its head past them (and keeps the floor), so a cut part-way leaves leftovers that <see cref="Open"/> deletes.
        /// </summary>
        private JournalStatus ReclaimFor(int needed)
        {
            int count = 0;
            int freed = 0;
            while (_budgetBytes - _usedBytes + freed < needed && count < _segments.Count && IsReclaimable(SegmentAt(count), _state.AcknowledgedUpTo))
            {
                freed += SegmentAt(count).Length;
                count++;
            }

            uint head = count < _segments.Count ? SegmentAt(count).Number : NextSegmentNumber();
            try
            {
                _state.Save(_storage, _state.AcknowledgedUpTo, head, _nextSequence);
                while (count > 0)
                {
                    var oldest = SegmentAt(0);
                    _storage.Delete(oldest.Name);
                    _segments.RemoveAt(0);
                    _usedBytes -= oldest.Length;
                    _reclaimableBytes -= oldest.Length;
                    count--;
                }
            }
            catch (IOException)
            {
                return JournalStatus.StorageError;
            }

            return JournalStatus.Ok;
        }

        private int CountReclaimableBytes(uint upToSequence)
        {
            int bytes = 0;
            for (int i = 0; i < _segments.Count && IsReclaimable(SegmentAt(i), upToSequence); i++)
            {
                bytes += SegmentAt(i).Length;
            }

            return bytes;
        }

        /// <summary>The slot of the segment's first valid record (a torn slot can precede it after a cut).</summary>
        private uint FirstValidSlot(JournalSegment segment)
        {
            int slots = segment.WholeSlots;
            for (int slot = 0; slot < slots; slot++)
            {
                if (IsRecordOfSlot(segment, slot))
                {
                    return (uint)slot;
                }
            }

            return 0;
        }

        /// <summary>
        /// Opening records leave <see cref="OpeningReserveRecords"/> slots, terminal events
        /// <see cref="EventReserveRecords"/>, and the record that closes an uncertain card write may take the last slot.
        /// </summary>
        private static int ReserveFor(TxKind kind)
        {
            switch (kind)
            {
                case TxKind.CardWriteCompleted:
                case TxKind.CardWriteAbandoned:
                    return 0;
                case TxKind.TerminalEvent:
                    return EventReserveRecords;
                default:
                    return OpeningReserveRecords;
            }
        }

        private static bool IsReclaimable(JournalSegment segment, uint upToSequence)
        {
            return segment.Closed && (!segment.HasRecords || segment.LastSequence <= upToSequence);
        }

        /// <summary>
        /// A cut during a reclaim leaves segments below the head: delete them oldest first, so that a cut here
        /// again leaves a run that still ends just below the head.
        /// </summary>
        private void DeleteReclaimedLeftovers()
        {
            uint oldest = _state.HeadSegment;
            while (oldest > 1 && _storage.Exists(JournalSegment.NamePrefix + (oldest - 1).ToString()))
            {
                oldest--;
            }

            for (uint number = oldest; number < _state.HeadSegment; number++)
            {
                _storage.Delete(JournalSegment.NamePrefix + number.ToString());
            }
        }

        /// <summary>
        /// Indexes one segment from its ends: the first valid record fixes the sequence of every slot, the last
        /// valid one the segment's last sequence. That is two record reads per segment in the usual case, which
        /// keeps start-up short on the device; records in between are validated when they are read for upload.
        /// Returns the highest sequence spent so far.
        /// </summary>
        private uint ScanSegment(JournalSegment segment, uint spent)
        {
            segment.Length = _storage.Length(segment.Name);
            int slots = segment.WholeSlots;
            int firstSlot = 0;
            while (firstSlot < slots && !IsFirstRecord(segment, firstSlot))
            {
                firstSlot++;
            }

            int lastSlot = slots - 1;
            if (segment.HasRecords)
            {
                while (lastSlot > firstSlot && !IsRecordOfSlot(segment, lastSlot))
                {
                    lastSlot--;
                }

                segment.LastSequence = segment.BaseSequence + (uint)lastSlot;
                _lastSequence = segment.LastSequence;
            }

            bool lastSlotValid = slots == 0 || (segment.HasRecords && lastSlot == slots - 1);
            bool torn = segment.Length % TxRecordCodec.Size != 0 || !lastSlotValid;
            segment.Closed = torn || segment.Length >= _segmentBytes;
            uint segmentSpent = segment.HasRecords ? segment.BaseSequence + (uint)segment.TouchedSlots - 1 : spent + (uint)segment.TouchedSlots;
            _segments.Add(segment);
            _usedBytes += segment.Length;
            return segmentSpent > spent ? segmentSpent : spent;
        }

        /// <summary>True, and the segment's base sequence set, when the slot holds a valid record numbered above every earlier one.</summary>
        private bool IsFirstRecord(JournalSegment segment, int slot)
        {
            if (!ReadValidSlot(segment, slot))
            {
                return false;
            }

            uint sequence = TxRecordCodec.ReadSequence(_scan, 0);
            if (sequence < (uint)slot || sequence <= _lastSequence)
            {
                return false;
            }

            segment.BaseSequence = sequence - (uint)slot;
            segment.HasRecords = true;
            return true;
        }

        private bool IsRecordOfSlot(JournalSegment segment, int slot)
        {
            return ReadValidSlot(segment, slot) && TxRecordCodec.ReadSequence(_scan, 0) == segment.BaseSequence + (uint)slot;
        }

        private bool ReadValidSlot(JournalSegment segment, int slot)
        {
            return _storage.Read(segment.Name, slot * TxRecordCodec.Size, _scan, 0, TxRecordCodec.Size) == TxRecordCodec.Size
                && TxRecordCodec.Validate(_scan, 0) == RecordStatus.Ok;
        }

        private int ReadFromSegment(JournalSegment segment, uint fromSequence, byte[] buffer, int offset, int count, int maxRecords)
        {
            int slot = fromSequence > segment.BaseSequence ? (int)(fromSequence - segment.BaseSequence) : 0;
            int slots = segment.WholeSlots;
            while (slot < slots && count < maxRecords)
            {
                int chunk = slots - slot < maxRecords - count ? slots - slot : maxRecords - count;
                int at = offset + (count * TxRecordCodec.Size);
                int read = _storage.Read(segment.Name, slot * TxRecordCodec.Size, buffer, at, chunk * TxRecordCodec.Size) / TxRecordCodec.Size;
                if (read == 0)
                {
                    return count;
                }

                for (int k = 0; k < read; k++)
                {
                    int source = at + (k * TxRecordCodec.Size);
                    if (TxRecordCodec.Validate(buffer, source) == RecordStatus.Ok
                        && TxRecordCodec.ReadSequence(buffer, source) == segment.BaseSequence + (uint)(slot + k))
                    {
                        Array.Copy(buffer, source, buffer, offset + (count * TxRecordCodec.Size), TxRecordCodec.Size);
                        count++;
                    }
                }

                slot += read;
            }

            return count;
        }

        /// <summary>The open tail segment, or a new one when the last is closed (or there is none).</summary>
        private JournalSegment AppendableTail()
        {
            if (_segments.Count > 0)
            {
                var last = SegmentAt(_segments.Count - 1);
                if (!last.Closed && (!last.HasRecords || last.BaseSequence + (uint)last.WholeSlots == _nextSequence))
                {
                    return last;
                }

                last.Closed = true;
            }

            var segment = new JournalSegment(NextSegmentNumber());
            _segments.Add(segment);
            return segment;
        }

        private JournalSegment SegmentAt(int index)
        {
            return (JournalSegment)_segments[index]!;
        }

        private uint NextSegmentNumber()
        {
            return _segments.Count > 0 ? SegmentAt(_segments.Count - 1).Number + 1 : _state.HeadSegment;
        }

        /// <summary>Part of the record may have reached the flash: spend its number and never append to that segment again.</summary>
        private void CloseAfterFailedWrite(JournalSegment tail)
        {
            tail.Closed = true;
            _nextSequence++;
            try
            {
                int length = _storage.Length(tail.Name);
                if (length > tail.Length)
                {
                    _usedBytes += length - tail.Length;
                    tail.Length = length;
                }
            }
            catch (IOException)
            {
            }
        }
    }
}
