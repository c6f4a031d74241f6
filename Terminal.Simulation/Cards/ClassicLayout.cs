namespace Terminal.Simulation.Cards;

/// <summary>
/// Sector geometry of a MIFARE Classic card: 1K = 16 sectors of 4 blocks; 4K = 32 sectors of
/// 4 blocks then 8 of 16. The last block of a sector is its trailer. In a 16-block sector the
/// three data access groups cover blocks 0–4, 5–9 and 10–14.
/// </summary>
public sealed class ClassicLayout
{
    public static readonly ClassicLayout OneK = new(16, 0);

    public static readonly ClassicLayout FourK = new(32, 8);

    private const int SmallSectorBlocks = 4;
    private const int LargeSectorBlocks = 16;

    private ClassicLayout(int smallSectors, int largeSectors)
    {
        SmallSectors = smallSectors;
        SectorCount = smallSectors + largeSectors;
        BlockCount = smallSectors * SmallSectorBlocks + largeSectors * LargeSectorBlocks;
    }

    public int SectorCount { get; }

    public int BlockCount { get; }

    private int SmallSectors { get; }

    private int SmallBlocks => SmallSectors * SmallSectorBlocks;

    public int SectorOf(int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, BlockCount);
        return block < SmallBlocks ? block / SmallSectorBlocks : SmallSectors + (block - SmallBlocks) / LargeSectorBlocks;
    }

    public int FirstBlock(int sector) =>
        sector < SmallSectors ? sector * SmallSectorBlocks : SmallBlocks + (sector - SmallSectors) * LargeSectorBlocks;

    public int BlocksIn(int sector) => sector < SmallSectors ? SmallSectorBlocks : LargeSectorBlocks;

    public int TrailerOf(int sector) => FirstBlock(sector) + BlocksIn(sector) - 1;

    public bool IsTrailer(int block) => TrailerOf(SectorOf(block)) == block;

    /// <summary>The access group (0–2 data, 3 trailer) whose condition governs <paramref name="block"/>.</summary>
    public int AccessGroupOf(int block)
    {
        int sector = SectorOf(block);
        int offset = block - FirstBlock(sector);
        if (block == TrailerOf(sector))
        {
            return 3;
        }

        return BlocksIn(sector) == SmallSectorBlocks ? offset : offset / 5;
    }
}
