using Terminal.Simulation.Mfrc522;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>FIFO level, overflow, flush and water level; ComIrq/DivIrq set and clear semantics.</summary>
public sealed class ChipFifoAndIrqTests
{
    private readonly RawSpi _spi = new(new Mfrc522Chip(new ScriptedChannel()));

    [Fact]
    public void TheFifoKeepsOrderAndReportsItsLevel()
    {
        _spi.Write(Mfrc522Register.FifoData, 1, 2, 3, 4, 5);
        Assert.Equal(5, _spi.Read(Mfrc522Register.FifoLevel));

        var drained = _spi.ReadBurst(Enumerable.Repeat(Mfrc522Register.FifoData, 3).Append(Mfrc522Register.FifoLevel).ToArray());

        Assert.Equal(new byte[] { 1, 2, 3, 2 }, drained);
    }

    [Fact]
    public void ABytePastSixtyFourIsLostAndRaisesBufferOvfl()
    {
        _spi.Write(Mfrc522Register.ComIrq, 0x7F);
        _spi.Write(Mfrc522Register.FifoData, Enumerable.Range(0, 65).Select(i => (byte)i).ToArray());

        Assert.Equal(64, _spi.Read(Mfrc522Register.FifoLevel));
        Assert.Equal(0x10, _spi.Read(Mfrc522Register.Error));
        Assert.Equal(0x02, _spi.Read(Mfrc522Register.ComIrq) & 0x02);
        Assert.Equal(0, _spi.Read(Mfrc522Register.FifoData));
    }

    [Fact]
    public void FlushBufferEmptiesTheFifoClearsBufferOvflAndReadsZero()
    {
        _spi.Write(Mfrc522Register.FifoData, new byte[65]);
        _spi.Write(Mfrc522Register.FifoLevel, 0x80);

        Assert.Equal(0, _spi.Read(Mfrc522Register.FifoLevel));
        Assert.Equal(0, _spi.Read(Mfrc522Register.Error));
    }

    [Fact]
    public void ReadingAnEmptyFifoLeavesItEmpty()
    {
        Assert.Equal(0, _spi.Read(Mfrc522Register.FifoData));
        Assert.Equal(0, _spi.Read(Mfrc522Register.FifoLevel));
    }

    [Theory]
    [InlineData(0, 8, 0x01)]
    [InlineData(8, 8, 0x01)]
    [InlineData(9, 8, 0x00)]
    [InlineData(56, 8, 0x02)]
    [InlineData(32, 32, 0x03)]
    public void WaterLevelSetsHiAlertAndLoAlert(int level, byte waterLevel, byte expectedAlerts)
    {
        _spi.Write(Mfrc522Register.WaterLevel, waterLevel);
        if (level > 0)
        {
            _spi.Write(Mfrc522Register.FifoData, new byte[level]);
        }

        Assert.Equal(expectedAlerts, _spi.Read(Mfrc522Register.Status1) & 0x03);
    }

    [Fact]
    public void AlertIrqsLatchWhenTheLevelCrossesTheWaterLevel()
    {
        _spi.Write(Mfrc522Register.FifoData, new byte[30]);
        _spi.Write(Mfrc522Register.ComIrq, 0x7F);
        _spi.Write(Mfrc522Register.FifoData, new byte[30]);
        Assert.Equal(0x08, _spi.Read(Mfrc522Register.ComIrq) & 0x0C);

        _spi.Write(Mfrc522Register.ComIrq, 0x08);
        _spi.Write(Mfrc522Register.FifoLevel, 0x80);
        Assert.Equal(0x04, _spi.Read(Mfrc522Register.ComIrq) & 0x0C);
    }

    [Fact]
    public void ComIrqResetsToIdleAndLoAlert()
    {
        Assert.Equal(0x14, _spi.Read(Mfrc522Register.ComIrq));
    }

    [Fact]
    public void ComIrqBit7SetsTheMarkedBitsAndItsAbsenceClearsThem()
    {
        _spi.Write(Mfrc522Register.ComIrq, 0x7F);
        Assert.Equal(0x00, _spi.Read(Mfrc522Register.ComIrq));

        _spi.Write(Mfrc522Register.ComIrq, 0x80 | 0x21);
        Assert.Equal(0x21, _spi.Read(Mfrc522Register.ComIrq));

        _spi.Write(Mfrc522Register.ComIrq, 0x01);
        Assert.Equal(0x20, _spi.Read(Mfrc522Register.ComIrq));
    }

    [Fact]
    public void DivIrqHasOnlyMfinActAndCrcIrq()
    {
        _spi.Write(Mfrc522Register.DivIrq, 0xFF);
        Assert.Equal(0x14, _spi.Read(Mfrc522Register.DivIrq));

        _spi.Write(Mfrc522Register.DivIrq, 0x04);
        Assert.Equal(0x10, _spi.Read(Mfrc522Register.DivIrq));
    }

    [Fact]
    public void Status1IrqFollowsTheEnabledInterrupts()
    {
        _spi.Write(Mfrc522Register.ComIrq, 0x7F);
        _spi.Write(Mfrc522Register.ComIEn, 0x20);
        _spi.Write(Mfrc522Register.ComIrq, 0x80 | 0x01);
        Assert.Equal(0, _spi.Read(Mfrc522Register.Status1) & 0x10);

        _spi.Write(Mfrc522Register.ComIrq, 0x80 | 0x20);
        Assert.Equal(0x10, _spi.Read(Mfrc522Register.Status1) & 0x10);
    }

    [Fact]
    public void MemMovesTwentyFiveBytesToTheBufferAndBack()
    {
        var data = Enumerable.Range(100, 25).Select(i => (byte)i).ToArray();
        _spi.Write(Mfrc522Register.FifoData, data);
        _spi.Command(Mfrc522Command.Mem);
        Assert.Equal(0, _spi.Read(Mfrc522Register.FifoLevel));

        _spi.Command(Mfrc522Command.Mem);

        Assert.Equal(25, _spi.Read(Mfrc522Register.FifoLevel));
        Assert.Equal(data, _spi.ReadBurst(Enumerable.Repeat(Mfrc522Register.FifoData, 25).ToArray()));
        Assert.Equal(0x10, _spi.Read(Mfrc522Register.ComIrq) & 0x10);
    }
}
