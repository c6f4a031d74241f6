using System.IO;
using Terminal.Drivers.Hal;
using Terminal.Firmware.Binary;

namespace Terminal.Firmware.Loads
{
    /// <summary>
    /// The terminal's list of pending loads (docs/pending-loads.md): at most one per card, the next one the card is
    /// due, in one flash file of 16-byte entries sorted by UID, 16 entries to a 256-byte page. RAM keeps the first
    /// key of every page, so a lookup reads exactly one page; an update rewrites the file with one atomic replace,
    /// so a power cut leaves the old version or the new one. Not thread-safe: the owner serialises calls.
    /// </summary>
    public sealed class PendingLoadList
    {
        public const string FileName = "loads.bin";
        public const int FormatVersion = 1;
        public const int HeaderBytes = 16;
        public const int EntryBytes = 16;
        public const int EntriesPerPage = 16;
        public const int PageBytes = EntryBytes * EntriesPerPage;
        public const int KeyBytes = 1 + PendingLoadChanges.UidStride;
        public const int MaxEntries = 8192;
        public const int MaxAmount = 0xFFFF;

        private const int NumberOffset = KeyBytes;
        private const int AmountOffset = KeyBytes + 2;

        private readonly IStorage _storage;
        private readonly byte[] _page = new byte[PageBytes];
        private readonly byte[] _key = new byte[KeyBytes];
        private byte[] _pageKeys = new byte[0];
        private int _count;
        private uint _version;

        public PendingLoadList(IStorage storage)
        {
            _storage = storage;
            Status = PendingLoadStatus.Empty;
        }

        public PendingLoadStatus Status { get; private set; }

        /// <summary>The installed version, 0 when none is.</summary>
        public uint Version
        {
            get { return Status == PendingLoadStatus.Ok ? _version : 0; }
        }

        public int Count
        {
            get { return Status == PendingLoadStatus.Ok ? _count : 0; }
        }

        /// <summary>RAM held between calls: the page keys, one page buffer and the lookup key.</summary>
        public int RamBytes
        {
            get { return _pageKeys.Length + _page.Length + _key.Length; }
        }

        /// <summary>Checks the file (length, CRC) and loads the page keys; call at boot and after every update.</summary>
        public PendingLoadStatus Open()
        {
            int length = _storage.Length(FileName);
            if (length < 0)
            {
                return Set(PendingLoadStatus.Empty, 0, 0);
            }

            if (length < HeaderBytes || _storage.Read(FileName, 0, _page, 0, HeaderBytes) != HeaderBytes || _page[0] != FormatVersion)
            {
                return Set(PendingLoadStatus.Corrupt, 0, 0);
            }

            uint version = LittleEndian.ReadUInt32(_page, 4);
            int count = (int)LittleEndian.ReadUInt32(_page, 8);
            uint expected = LittleEndian.ReadUInt32(_page, 12);
            if (count < 0 || count > MaxEntries || length != HeaderBytes + (count * EntryBytes))
            {
                return Set(PendingLoadStatus.Corrupt, 0, 0);
            }

            int pages = (count + EntriesPerPage - 1) / EntriesPerPage;
            byte[] keys = new byte[pages * KeyBytes];
            uint crc = Crc32.Start;
            for (int p = 0; p < pages; p++)
            {
                int bytes = PageEntries(p, count) * EntryBytes;
                if (_storage.Read(FileName, HeaderBytes + (p * PageBytes), _page, 0, bytes) != bytes)
                {
                    return Set(PendingLoadStatus.Corrupt, 0, 0);
                }

                crc = Crc32.Update(crc, _page, 0, bytes);
                System.Array.Copy(_page, 0, keys, p * KeyBytes, KeyBytes);
            }

            if (Crc32.Finish(crc) != expected)
            {
                return Set(PendingLoadStatus.Corrupt, 0, 0);
            }

            _pageKeys = keys;
            return Set(PendingLoadStatus.Ok, version, count);
        }

        /// <summary>
        /// Fills <paramref name="into"/> with the load waiting for the card <paramref name="uid"/>: one page read, no
        /// allocation. Not found when none waits, when the list is unavailable, or when the flash read fails.
        /// </summary>
        public void Lookup(byte[] uid, int offset, int length, PendingLoad into)
        {
            into.Clear();
            if (Status != PendingLoadStatus.Ok || _count == 0 || !IsUidLength(length))
            {
                return;
            }

            System.Array.Clear(_key, 0, KeyBytes);
            _key[0] = (byte)length;
            System.Array.Copy(uid, offset, _key, 1, length);
            int page = PageOf(_key);
            if (page < 0)
            {
                return;
            }

            int entries = PageEntries(page, _count);
            int bytes = entries * EntryBytes;
            try
            {
                if (_storage.Read(FileName, HeaderBytes + (page * PageBytes), _page, 0, bytes) != bytes)
                {
                    return;
                }
            }
            catch (IOException)
            {
                return;
            }

            int found = Search(_page, entries, _key);
            if (found >= 0)
            {
                into.Found = true;
                into.Number = LittleEndian.ReadUInt16(_page, (found * EntryBytes) + NumberOffset);
                into.Amount = LittleEndian.ReadUInt16(_page, (found * EntryBytes) + AmountOffset);
            }
        }

        /// <summary>Installs version <paramref name="version"/> holding exactly <paramref name="entries"/>, whatever is installed.</summary>
        public PendingLoadStatus LoadSnapshot(uint version, PendingLoadChanges entries)
        {
            byte[] table = new byte[entries.Count * EntryBytes];
            int count = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                if (entries.IsRemovalAt(i) || !IsValid(entries, i))
                {
                    return PendingLoadStatus.InvalidEntry;
                }

                int at = Search(table, count, entries, i);
                if (at >= 0)
                {
                    return PendingLoadStatus.InvalidEntry;
                }

                count = Insert(table, count, ~at, entries, i);
            }

            return Write(version, table, count);
        }

        /// <summary>
        /// Moves the installed version v = <paramref name="baseVersion"/> to v + 1: an entry replaces the card's
        /// entry (or adds one), a removal drops it (removing an absent card is no change). Refused unless v is installed.
        /// </summary>
        public PendingLoadStatus ApplyDelta(uint baseVersion, PendingLoadChanges changes)
        {
            if (Status != PendingLoadStatus.Ok || baseVersion != _version)
            {
                return PendingLoadStatus.WrongBaseVersion;
            }

            for (int i = 0; i < changes.Count; i++)
            {
                if (!IsValid(changes, i))
                {
                    return PendingLoadStatus.InvalidEntry;
                }
            }

            byte[] table = new byte[(_count + changes.Count) * EntryBytes];
            int count = _count;
            if (count > 0 && _storage.Read(FileName, HeaderBytes, table, 0, count * EntryBytes) != count * EntryBytes)
            {
                return Set(PendingLoadStatus.Corrupt, 0, 0);
            }

            for (int i = 0; i < changes.Count; i++)
            {
                int at = Search(table, count, changes, i);
                if (at >= 0)
                {
                    System.Array.Copy(table, (at + 1) * EntryBytes, table, at * EntryBytes, (count - at - 1) * EntryBytes);
                    count--;
                    at = ~at;
                }

                if (!changes.IsRemovalAt(i))
                {
                    count = Insert(table, count, ~at, changes, i);
                }
            }

            return Write(baseVersion + 1, table, count);
        }

        private PendingLoadStatus Write(uint version, byte[] table, int count)
        {
            if (count > MaxEntries)
            {
                return PendingLoadStatus.TooLarge;
            }

            byte[] file = new byte[HeaderBytes + (count * EntryBytes)];
            file[0] = FormatVersion;
            LittleEndian.WriteUInt32(file, 4, version);
            LittleEndian.WriteUInt32(file, 8, (uint)count);
            LittleEndian.WriteUInt32(file, 12, Crc32.Compute(table, 0, count * EntryBytes));
            System.Array.Copy(table, 0, file, HeaderBytes, count * EntryBytes);
            try
            {
                _storage.Replace(FileName, file, 0, file.Length);
            }
            catch (IOException)
            {
                Open();
                return PendingLoadStatus.StorageFull;
            }

            return Open();
        }

        /// <summary>The page whose first key is the last one not after <paramref name="key"/>, or -1 when the key precedes them all.</summary>
        private int PageOf(byte[] key)
        {
            int low = 0;
            int high = (_pageKeys.Length / KeyBytes) - 1;
            int page = -1;
            while (low <= high)
            {
                int mid = (low + high) / 2;
                if (Compare(_pageKeys, mid * KeyBytes, key, 0) <= 0)
                {
                    page = mid;
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }

            return page;
        }

        /// <summary>The index of the entry with <paramref name="key"/> among <paramref name="count"/> sorted ones, or the complement of where it belongs.</summary>
        private static int Search(byte[] table, int count, byte[] key)
        {
            int low = 0;
            int high = count - 1;
            while (low <= high)
            {
                int mid = (low + high) / 2;
                int order = Compare(table, mid * EntryBytes, key, 0);
                if (order == 0)
                {
                    return mid;
                }

                if (order < 0)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }

            return ~low;
        }

        private int Search(byte[] table, int count, PendingLoadChanges changes, int i)
        {
            KeyOf(changes, i, _key);
            return Search(table, count, _key);
        }

        private static int Insert(byte[] table, int count, int at, PendingLoadChanges changes, int i)
        {
            System.Array.Copy(table, at * EntryBytes, table, (at + 1) * EntryBytes, (count - at) * EntryBytes);
            int offset = at * EntryBytes;
            System.Array.Clear(table, offset, EntryBytes);
            table[offset] = (byte)changes.UidLengthAt(i);
            System.Array.Copy(changes.Uids, i * PendingLoadChanges.UidStride, table, offset + 1, changes.UidLengthAt(i));
            LittleEndian.WriteUInt16(table, offset + NumberOffset, changes.NumberAt(i));
            LittleEndian.WriteUInt16(table, offset + AmountOffset, changes.AmountAt(i));
            return count + 1;
        }

        private static void KeyOf(PendingLoadChanges changes, int i, byte[] key)
        {
            System.Array.Clear(key, 0, KeyBytes);
            key[0] = (byte)changes.UidLengthAt(i);
            System.Array.Copy(changes.Uids, i * PendingLoadChanges.UidStride, key, 1, changes.UidLengthAt(i));
        }

        private static bool IsValid(PendingLoadChanges changes, int i)
        {
            return IsUidLength(changes.UidLengthAt(i))
                && changes.NumberAt(i) >= 0 && changes.NumberAt(i) <= 0xFFFF
                && changes.AmountAt(i) >= 0 && changes.AmountAt(i) <= MaxAmount;
        }

        private static bool IsUidLength(int length)
        {
            return length == 4 || length == 7 || length == PendingLoadChanges.UidStride;
        }

        private static int Compare(byte[] a, int aOffset, byte[] b, int bOffset)
        {
            for (int i = 0; i < KeyBytes; i++)
            {
                int d = a[aOffset + i] - b[bOffset + i];
                if (d != 0)
                {
                    return d;
                }
            }

            return 0;
        }

        private static int PageEntries(int page, int count)
        {
            int left = count - (page * EntriesPerPage);
            return left < EntriesPerPage ? left : EntriesPerPage;
        }

        private PendingLoadStatus Set(PendingLoadStatus status, uint version, int count)
        {
            Status = status;
            _version = version;
            _count = count;
            if (status != PendingLoadStatus.Ok)
            {
                _pageKeys = new byte[0];
            }

            return status;
        }
    }
}
