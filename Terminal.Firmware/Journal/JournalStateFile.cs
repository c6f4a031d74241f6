using Terminal.Firmware.Binary;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// The journal's small state file, always written whole with <see cref="IStorage.Replace"/> so a power cut
    /// leaves the old or the new state: the acknowledged-up-to sequence, the number of the oldest live segment,
    /// and the sequence floor (the lowest sequence the next append may take, so numbers in reclaimed segments are
    /// never issued again). Layout: version (1), three zero bytes, ack (u32), head segment (u32), floor (u32),
    /// CRC-16/IBM-3740 of the first 16 bytes.
    /// </summary>
    public sealed class JournalStateFile
    {
        public const string Name = "journal.state";
        public const int Size = 18;

        private const int Version = 1;
        private const int AckOffset = 4;
        private const int HeadOffset = 8;
        private const int FloorOffset = 12;
        private const int CrcOffset = 16;

        private readonly byte[] _bytes = new byte[Size];

        public uint AcknowledgedUpTo { get; private set; }

        public uint HeadSegment { get; private set; }

        public uint SequenceFloor { get; private set; }

        /// <summary>Loads the state, or the state of a new journal when there is no file; false when the file is damaged.</summary>
        public bool Load(IStorage storage)
        {
            AcknowledgedUpTo = 0;
            HeadSegment = 1;
            SequenceFloor = 1;
            int length = storage.Length(Name);
            if (length < 0)
            {
                return true;
            }

            if (length != Size || storage.Read(Name, 0, _bytes, 0, Size) != Size)
            {
                return false;
            }

            if (_bytes[0] != Version || LittleEndian.ReadUInt16(_bytes, CrcOffset) != Crc16Ccitt.Compute(_bytes, 0, CrcOffset))
            {
                return false;
            }

            AcknowledgedUpTo = LittleEndian.ReadUInt32(_bytes, AckOffset);
            HeadSegment = LittleEndian.ReadUInt32(_bytes, HeadOffset);
            SequenceFloor = LittleEndian.ReadUInt32(_bytes, FloorOffset);
            return HeadSegment != 0 && SequenceFloor != 0;
        }

        /// <summary>Replaces the file atomically; the properties change only once the storage returned.</summary>
        public void Save(IStorage storage, uint acknowledgedUpTo, uint headSegment, uint sequenceFloor)
        {
            System.Array.Clear(_bytes, 0, Size);
            _bytes[0] = Version;
            LittleEndian.WriteUInt32(_bytes, AckOffset, acknowledgedUpTo);
            LittleEndian.WriteUInt32(_bytes, HeadOffset, headSegment);
            LittleEndian.WriteUInt32(_bytes, FloorOffset, sequenceFloor);
            LittleEndian.WriteUInt16(_bytes, CrcOffset, Crc16Ccitt.Compute(_bytes, 0, CrcOffset));
            storage.Replace(Name, _bytes, 0, Size);
            AcknowledgedUpTo = acknowledgedUpTo;
            HeadSegment = headSegment;
            SequenceFloor = sequenceFloor;
        }
    }
}
