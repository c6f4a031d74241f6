using Terminal.Firmware.Binary;
using System.IO;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// The terminal's blacklist of cards (4, 7, 10-byte UIDs) and accounts (8-byte ids) on flash: exact
    /// (quotiented tables of a keyed permutation, no fingerprints), at most two page reads per lookup (the
    /// kind's overlay, then its base segment), no allocation per lookup, versioned crash-safe updates.
    /// Format and protocol: docs/blacklist.md. Not thread-safe: the owner serialises lookups and updates.
    /// </summary>
    public sealed partial class BlacklistStore
    {
        private readonly IStorage storage;
        private readonly byte[] pageBuffer = new byte[TableLayout.MaxPageBytes];
        private TableDirectory directory = new TableDirectory();
        private BlacklistManifest manifest = new BlacklistManifest();
        private BlacklistStatus status = BlacklistStatus.Empty;

        public BlacklistStore(IStorage storage)
        {
            this.storage = storage;
        }

        /// <summary>Ok once a version is installed and its files check out; otherwise why lookups are unavailable.</summary>
        public BlacklistStatus Status
        {
            get { return status; }
        }

        /// <summary>The installed version, 0 when none is.</summary>
        public uint Version
        {
            get { return status == BlacklistStatus.Ok ? manifest.Version : 0; }
        }

        /// <summary>How many keys the installed version lists.</summary>
        public int ListedCount
        {
            get { return status == BlacklistStatus.Ok ? manifest.Listed : 0; }
        }

        /// <summary>Bytes of RAM the store keeps between calls: directory, manifest, page buffer and CRC table.</summary>
        public int RamBytes
        {
            get { return directory.RamBytes + BlacklistManifest.RamBytes + pageBuffer.Length + Crc32.TableBytes; }
        }

        /// <summary>
        /// Loads the manifest and the tables' directories, checking their CRCs and lengths, and deletes files an
        /// interrupted update left behind. Call at boot; lookups answer Unavailable until it returns Ok.
        /// </summary>
        public BlacklistStatus Open()
        {
            int length = storage.Length(BlacklistManifest.FileName);
            if (length < 0)
            {
                manifest = new BlacklistManifest();
                status = BlacklistStatus.Empty;
                return status;
            }

            BlacklistManifest? loaded = length == BlacklistManifest.Bytes && storage.Read(BlacklistManifest.FileName, 0, pageBuffer, 0, length) == length
                ? BlacklistManifest.Decode(pageBuffer, length)
                : null;
            if (loaded == null)
            {
                manifest = new BlacklistManifest();
                status = BlacklistStatus.Corrupt;
                return status;
            }

            manifest = loaded;
            directory = new TableDirectory();
            status = directory.Load(storage, manifest, pageBuffer);
            if (status == BlacklistStatus.Ok)
            {
                DeleteStaleSlots();
            }

            return status;
        }

        public BlacklistVerdict LookupCard(byte[] uid, int offset, int length)
        {
            int kind = BlacklistKinds.ForUidLength(length);
            if (kind < 0)
            {
                return new BlacklistVerdict(BlacklistOutcome.InvalidKey, 0);
            }

            return Lookup((BlacklistKind)kind, uid, offset);
        }

        public BlacklistVerdict LookupAccount(byte[] accountId, int offset)
        {
            return Lookup(BlacklistKind.Account, accountId, offset);
        }

        public BlacklistVerdict Lookup(BlacklistKind kind, byte[] key, int offset)
        {
            int k = (int)kind;
            if (k < 0 || k >= BlacklistKinds.Count || key == null || offset < 0 || offset + BlacklistKinds.KeyBytes(k) > key.Length)
            {
                return new BlacklistVerdict(BlacklistOutcome.InvalidKey, 0);
            }

            if (status != BlacklistStatus.Ok)
            {
                return new BlacklistVerdict(BlacklistOutcome.Unavailable, 0);
            }

            ulong high;
            ulong low;
            KeyMixer.Mix(key, offset, k, manifest.Seed, out high, out low);
            int found;
            try
            {
                found = FindMixed(k, high, low);
            }
            catch (IOException)
            {
                found = TableDirectory.Corrupt;
            }

            if (found == TableDirectory.Corrupt)
            {
                return new BlacklistVerdict(BlacklistOutcome.Corrupt, 0);
            }

            return found > 0 ? new BlacklistVerdict(BlacklistOutcome.Listed, (byte)found) : new BlacklistVerdict(BlacklistOutcome.NotListed, 0);
        }

        /// <summary>
        /// Reads every installed file in full and compares its CRC-32 with the manifest's; Corrupt marks the
        /// store untrusted. Lookups check only the page they read, so run this after boot and after updates.
        /// </summary>
        public BlacklistStatus Verify()
        {
            if (status != BlacklistStatus.Ok)
            {
                return status;
            }

            for (int t = 0; t < BlacklistManifest.Tables; t++)
            {
                if (directory.IsPresent(t) && !FileMatches(directory.Name(t), manifest.Lengths[t], manifest.Crcs[t]))
                {
                    status = BlacklistStatus.Corrupt;
                    return status;
                }
            }

            return status;
        }

        /// <summary>The stored reason of a mixed key (0 = not listed), or <see cref="TableDirectory.Corrupt"/>.</summary>
        private int FindMixed(int kind, ulong high, ulong low)
        {
            int half = BlacklistKinds.HalfBits(kind);
            int overlay = BlacklistManifest.Table(kind, BlacklistManifest.Overlay);
            if (directory.IsPresent(overlay))
            {
                int inOverlay = directory.Find(storage, overlay, half, high, low, pageBuffer);
                if (inOverlay != TableDirectory.NotFound)
                {
                    return inOverlay;
                }
            }

            int segment = (int)MixedSplit.Prefix(high, low, half, BlacklistManifest.SegmentBits);
            int inBase = directory.Find(storage, BlacklistManifest.Table(kind, segment), half, high, low, pageBuffer);
            return inBase == TableDirectory.NotFound ? 0 : inBase;
        }

        private bool FileMatches(string name, int length, uint expected)
        {
            if (storage.Length(name) != length)
            {
                return false;
            }

            uint crc = Crc32.Start;
            for (int position = 0; position < length; position += pageBuffer.Length)
            {
                int chunk = length - position < pageBuffer.Length ? length - position : pageBuffer.Length;
                if (storage.Read(name, position, pageBuffer, 0, chunk) != chunk)
                {
                    return false;
                }

                crc = Crc32.Update(crc, pageBuffer, 0, chunk);
            }

            return Crc32.Finish(crc) == expected;
        }

        /// <summary>Deletes the slot files that are not live: what an update wrote before a power cut, or replaced.</summary>
        private void DeleteStaleSlots()
        {
            for (int kind = 0; kind < BlacklistKinds.Count; kind++)
            {
                for (int segment = 0; segment < BlacklistManifest.TablesPerKind; segment++)
                {
                    for (int slot = 0; slot < 2; slot++)
                    {
                        bool live = manifest.IsLive(kind, segment) && manifest.LiveSlot(kind, segment) == slot;
                        string name = BlacklistManifest.TableName(kind, segment, slot);
                        if (!live && storage.Exists(name))
                        {
                            storage.Delete(name);
                        }
                    }
                }
            }
        }
    }
}
