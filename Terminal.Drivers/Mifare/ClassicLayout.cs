using System;
using Terminal.Drivers.Iso14443;

namespace Terminal.Drivers.Mifare
{
    /// <summary>
    /// Blocks and sectors of MIFARE Classic: sectors 0..31 have 4 blocks (all of Mini and 1K),
    /// sectors 32..39 of the 4K have 16. The last block of a sector is its trailer.
    /// </summary>
    public static class ClassicLayout
    {
        public const int BlockSize = 16;
        public const int MaxBlocks = 256;

        private const int SmallSectors = 32;
        private const int SmallSectorBlocks = 4;
        private const int LargeSectorBlocks = 16;
        private const int FirstLargeBlock = SmallSectors * SmallSectorBlocks;

        /// <summary>In a 16-block sector each access group covers 5 data blocks.</summary>
        private const int LargeSectorGroupBlocks = 5;

        public static int SectorOf(int block)
        {
            CheckBlock(block);
            if (block < FirstLargeBlock)
            {
                return block / SmallSectorBlocks;
            }

            return SmallSectors + (block - FirstLargeBlock) / LargeSectorBlocks;
        }

        public static int FirstBlockOf(int sector)
        {
            CheckSector(sector);
            if (sector < SmallSectors)
            {
                return sector * SmallSectorBlocks;
            }

            return FirstLargeBlock + (sector - SmallSectors) * LargeSectorBlocks;
        }

        public static int BlocksIn(int sector)
        {
            CheckSector(sector);
            return sector < SmallSectors ? SmallSectorBlocks : LargeSectorBlocks;
        }

        public static int TrailerOf(int sector)
        {
            return FirstBlockOf(sector) + BlocksIn(sector) - 1;
        }

        public static bool IsTrailer(int block)
        {
            return TrailerOf(SectorOf(block)) == block;
        }

        /// <summary>
        /// Which of the sector's four access conditions governs the block: 0..2 for data blocks,
        /// 3 for the trailer. In 16-block sectors groups 0..2 cover blocks 0-4, 5-9 and 10-14.
        /// </summary>
        public static int AccessGroupOf(int block)
        {
            int sector = SectorOf(block);
            int offset = block - FirstBlockOf(sector);
            if (offset == BlocksIn(sector) - 1)
            {
                return AccessBits.TrailerGroup;
            }

            return sector < SmallSectors ? offset : offset / LargeSectorGroupBlocks;
        }

        /// <summary>Sectors of a Classic card type: Mini 5, 1K 16, 4K 40; 0 for any other type.</summary>
        public static int SectorCount(CardType type)
        {
            switch (type)
            {
                case CardType.MifareMini:
                    return 5;
                case CardType.MifareClassic1K:
                    return 16;
                case CardType.MifareClassic4K:
                    return 40;
                default:
                    return 0;
            }
        }

        /// <summary>Blocks of a Classic card type: Mini 20, 1K 64, 4K 256; 0 for any other type.</summary>
        public static int BlockCount(CardType type)
        {
            int sectors = SectorCount(type);
            return sectors == 0 ? 0 : TrailerOf(sectors - 1) + 1;
        }

        private static void CheckBlock(int block)
        {
            if (block < 0 || block >= MaxBlocks)
            {
                throw new ArgumentOutOfRangeException("block", "MIFARE Classic has blocks 0..255");
            }
        }

        private static void CheckSector(int sector)
        {
            if (sector < 0 || sector >= SmallSectors + (MaxBlocks - FirstLargeBlock) / LargeSectorBlocks)
            {
                throw new ArgumentOutOfRangeException("sector", "MIFARE Classic has sectors 0..39");
            }
        }
    }
}
