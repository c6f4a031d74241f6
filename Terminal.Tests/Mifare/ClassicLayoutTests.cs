using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Xunit;

namespace Terminal.Tests.Mifare;

public sealed class ClassicLayoutTests
{
    [Theory]
    [InlineData(0, 0, false, 0)]
    [InlineData(3, 0, true, 3)]
    [InlineData(4, 1, false, 0)]
    [InlineData(62, 15, false, 2)]
    [InlineData(63, 15, true, 3)]
    [InlineData(127, 31, true, 3)]
    [InlineData(128, 32, false, 0)]
    [InlineData(132, 32, false, 0)]
    [InlineData(133, 32, false, 1)]
    [InlineData(137, 32, false, 1)]
    [InlineData(138, 32, false, 2)]
    [InlineData(142, 32, false, 2)]
    [InlineData(143, 32, true, 3)]
    [InlineData(144, 33, false, 0)]
    [InlineData(255, 39, true, 3)]
    public void MapsBlocksToSectorsTrailersAndAccessGroups(int block, int sector, bool trailer, int group)
    {
        Assert.Equal(sector, ClassicLayout.SectorOf(block));
        Assert.Equal(trailer, ClassicLayout.IsTrailer(block));
        Assert.Equal(group, ClassicLayout.AccessGroupOf(block));
    }

    [Fact]
    public void EveryBlockLiesInsideItsSector()
    {
        for (var block = 0; block < 256; block++)
        {
            var sector = ClassicLayout.SectorOf(block);
            var first = ClassicLayout.FirstBlockOf(sector);
            Assert.InRange(block, first, first + ClassicLayout.BlocksIn(sector) - 1);
        }
    }

    [Fact]
    public void SectorsTileTheBlocksWithoutGaps()
    {
        var next = 0;
        for (var sector = 0; sector < 40; sector++)
        {
            Assert.Equal(next, ClassicLayout.FirstBlockOf(sector));
            next = ClassicLayout.TrailerOf(sector) + 1;
        }

        Assert.Equal(256, next);
    }

    [Theory]
    [InlineData(CardType.MifareMini, 5, 20)]
    [InlineData(CardType.MifareClassic1K, 16, 64)]
    [InlineData(CardType.MifareClassic4K, 40, 256)]
    [InlineData(CardType.UltralightOrNtag, 0, 0)]
    public void KnowsTheSizeOfEachClassicType(CardType type, int sectors, int blocks)
    {
        Assert.Equal(sectors, ClassicLayout.SectorCount(type));
        Assert.Equal(blocks, ClassicLayout.BlockCount(type));
    }

    [Fact]
    public void RefusesBlocksAndSectorsOutsideTheCard()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassicLayout.SectorOf(256));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassicLayout.SectorOf(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassicLayout.FirstBlockOf(40));
    }
}
