using Terminal.Firmware.Binary;
using System;

namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// The small file that says which table files make up the installed version; replacing it is the one
    /// atomic step of every update. Every table exists in two slots (a, b): an update writes the slot that is
    /// not live, then replaces the manifest. Layout (little-endian), 580 bytes:
    /// <code>
    /// 0 "BLM1" | 4 version u32 | 8 seed u32 | 12 listed entries u32
    /// 16 per kind: slot mask u16 (bit j set = segment j lives in slot b) | overlay u8 (0 none, 1 a, 2 b) | 0
    /// 32 per table (kind × 17: segments 0..15, then the overlay): length u32 | CRC-32 of the file u32
    /// 576 CRC-32 of bytes 0..575
    /// </code>
    /// </summary>
    internal sealed class BlacklistManifest
    {
        public const string FileName = "bl.man";
        public const int SegmentBits = 4;
        public const int Segments = 1 << SegmentBits;
        public const int TablesPerKind = Segments + 1;
        public const int Overlay = Segments;
        public const int Tables = BlacklistKinds.Count * TablesPerKind;
        public const int Bytes = 580;

        private static readonly byte[] Magic = { 0x42, 0x4C, 0x4D, 0x31 };
        private const int KindsAt = 16;
        private const int FilesAt = 32;
        private const int CrcAt = 576;

        public uint Version;
        public uint Seed;
        public int Listed;
        public readonly int[] SlotMask = new int[BlacklistKinds.Count];
        public readonly int[] OverlaySlot = new int[BlacklistKinds.Count];
        public readonly int[] Lengths = new int[Tables];
        public readonly uint[] Crcs = new uint[Tables];

        public static int Table(int kind, int segment)
        {
            return kind * TablesPerKind + segment;
        }

        public static string TableName(int kind, int segment, int slot)
        {
            string part = segment == Overlay ? "ov" : (segment < 10 ? "0" : string.Empty) + segment.ToString();
            return "bl." + BlacklistKinds.Tag(kind) + "." + part + (slot == 0 ? ".a" : ".b");
        }

        public bool IsLive(int kind, int segment)
        {
            return segment != Overlay || OverlaySlot[kind] != 0;
        }

        /// <summary>0 for slot a, 1 for slot b; for an absent overlay, the slot the next one will use.</summary>
        public int LiveSlot(int kind, int segment)
        {
            if (segment == Overlay)
            {
                return OverlaySlot[kind] == 2 ? 1 : 0;
            }

            return (SlotMask[kind] >> segment) & 1;
        }

        /// <summary>The slot an update writes: the one that is not live.</summary>
        public int StagingSlot(int kind, int segment)
        {
            return IsLive(kind, segment) ? 1 - LiveSlot(kind, segment) : 0;
        }

        /// <summary>Points the table at its staging slot, which now holds a file of this length and CRC.</summary>
        public void SwitchSlot(int kind, int segment, int length, uint crc)
        {
            int slot = StagingSlot(kind, segment);
            if (segment == Overlay)
            {
                OverlaySlot[kind] = slot + 1;
            }
            else
            {
                SlotMask[kind] ^= 1 << segment;
            }

            Lengths[Table(kind, segment)] = length;
            Crcs[Table(kind, segment)] = crc;
        }

        public void DropOverlay(int kind)
        {
            OverlaySlot[kind] = 0;
            Lengths[Table(kind, Overlay)] = 0;
            Crcs[Table(kind, Overlay)] = 0;
        }

        public BlacklistManifest Copy()
        {
            BlacklistManifest copy = new BlacklistManifest();
            copy.Version = Version;
            copy.Seed = Seed;
            copy.Listed = Listed;
            Array.Copy(SlotMask, copy.SlotMask, SlotMask.Length);
            Array.Copy(OverlaySlot, copy.OverlaySlot, OverlaySlot.Length);
            Array.Copy(Lengths, copy.Lengths, Lengths.Length);
            Array.Copy(Crcs, copy.Crcs, Crcs.Length);
            return copy;
        }

        public byte[] Encode()
        {
            byte[] data = new byte[Bytes];
            Array.Copy(Magic, data, Magic.Length);
            LittleEndian.WriteUInt32(data, 4, Version);
            LittleEndian.WriteUInt32(data, 8, Seed);
            LittleEndian.WriteUInt32(data, 12, (uint)Listed);
            for (int kind = 0; kind < BlacklistKinds.Count; kind++)
            {
                LittleEndian.WriteUInt16(data, KindsAt + 4 * kind, SlotMask[kind]);
                data[KindsAt + 4 * kind + 2] = (byte)OverlaySlot[kind];
            }

            for (int t = 0; t < Tables; t++)
            {
                LittleEndian.WriteUInt32(data, FilesAt + 8 * t, (uint)Lengths[t]);
                LittleEndian.WriteUInt32(data, FilesAt + 8 * t + 4, Crcs[t]);
            }

            LittleEndian.WriteUInt32(data, CrcAt, Crc32.Compute(data, 0, CrcAt));
            return data;
        }

        /// <summary>The manifest in <paramref name="data"/>, or null when its magic, size, CRC or fields are wrong.</summary>
        public static BlacklistManifest? Decode(byte[] data, int length)
        {
            if (length != Bytes || data[0] != Magic[0] || data[1] != Magic[1] || data[2] != Magic[2] || data[3] != Magic[3])
            {
                return null;
            }

            if (LittleEndian.ReadUInt32(data, CrcAt) != Crc32.Compute(data, 0, CrcAt))
            {
                return null;
            }

            BlacklistManifest manifest = new BlacklistManifest();
            manifest.Version = LittleEndian.ReadUInt32(data, 4);
            manifest.Seed = LittleEndian.ReadUInt32(data, 8);
            manifest.Listed = (int)LittleEndian.ReadUInt32(data, 12);
            for (int kind = 0; kind < BlacklistKinds.Count; kind++)
            {
                manifest.SlotMask[kind] = LittleEndian.ReadUInt16(data, KindsAt + 4 * kind);
                manifest.OverlaySlot[kind] = data[KindsAt + 4 * kind + 2];
                if (manifest.OverlaySlot[kind] > 2)
                {
                    return null;
                }
            }

            for (int t = 0; t < Tables; t++)
            {
                manifest.Lengths[t] = (int)LittleEndian.ReadUInt32(data, FilesAt + 8 * t);
                manifest.Crcs[t] = LittleEndian.ReadUInt32(data, FilesAt + 8 * t + 4);
            }

            return manifest;
        }

        /// <summary>Bytes of the arrays a loaded manifest keeps in RAM.</summary>
        public static int RamBytes
        {
            get { return 2 * BlacklistKinds.Count * 4 + Tables * 8 + 12; }
        }
    }
}
