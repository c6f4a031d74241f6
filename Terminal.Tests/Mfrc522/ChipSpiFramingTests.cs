using Terminal.Simulation.Mfrc522;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>The model speaks the datasheet's SPI framing byte for byte and charges the bus time.</summary>
public sealed class ChipSpiFramingTests
{
    private readonly ScriptedChannel _channel = new();

    [Fact]
    public void AReadAnswersOneByteLateWithAJunkFirstByte()
    {
        var spi = new RawSpi(new Mfrc522Chip(_channel));
        Assert.Equal(new byte[] { 0x00, 0x92 }, spi.Transfer(0x80 | 0x37 << 1, 0x00));
    }

    [Fact]
    public void AReadBurstMayAddressDifferentRegisters()
    {
        var spi = new RawSpi(new Mfrc522Chip(_channel));
        var values = spi.ReadBurst(Mfrc522Register.Version, Mfrc522Register.ModWidth, Mfrc522Register.RfCfg, Mfrc522Register.Mode);
        Assert.Equal(new byte[] { 0x92, 0x26, 0x48, 0x3F }, values);
    }

    [Fact]
    public void AWriteBurstSendsEveryByteToTheSameRegister()
    {
        var spi = new RawSpi(new Mfrc522Chip(_channel));
        spi.Write(Mfrc522Register.ModWidth, 0x11, 0x22, 0x33);
        Assert.Equal(0x33, spi.Read(Mfrc522Register.ModWidth));
        Assert.Equal(0x48, spi.Read(Mfrc522Register.RfCfg));
    }

    [Fact]
    public void MisoIsQuietDuringAWrite()
    {
        var spi = new RawSpi(new Mfrc522Chip(_channel));
        Assert.All(spi.Transfer(0x24 << 1, 0x26, 0x26), b => Assert.Equal(0, b));
    }

    [Fact]
    public void ReadOnlyRegistersIgnoreWrites()
    {
        var spi = new RawSpi(new Mfrc522Chip(_channel));
        spi.Write(Mfrc522Register.Version, 0x00);
        spi.Write(Mfrc522Register.Error, 0xFF);
        Assert.Equal(0x92, spi.Read(Mfrc522Register.Version));
        Assert.Equal(0x00, spi.Read(Mfrc522Register.Error));
    }

    [Theory]
    [InlineData(0x91)]
    [InlineData(0x92)]
    [InlineData(0x88)]
    [InlineData(0xB2)]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    public void VersionRegReadsTheConfiguredValue(byte version)
    {
        var spi = new RawSpi(new Mfrc522Chip(_channel, new Mfrc522ChipOptions { Version = version }));
        Assert.Equal(version, spi.Read(Mfrc522Register.Version));
    }

    [Fact]
    public void AStuckMisoLineReturnsItsLevelForEveryByte()
    {
        var spi = new RawSpi(new Mfrc522Chip(_channel, new Mfrc522ChipOptions { MisoStuckAt = 0xFF }));
        Assert.All(spi.Transfer(RawSpi.ReadAddress(Mfrc522Register.Command), RawSpi.ReadAddress(Mfrc522Register.Version), 0), b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void EveryTransactionAndByteIsCountedAndCostsBusTime()
    {
        var chip = new Mfrc522Chip(_channel);
        var spi = new RawSpi(chip);
        var start = _channel.Clock.MonotonicMicroseconds;

        spi.Read(Mfrc522Register.Version);
        spi.Write(Mfrc522Register.FifoData, new byte[63]);

        Assert.Equal(new SpiStatistics(2, 66, 105), chip.Statistics);
        Assert.Equal(105, _channel.Clock.MonotonicMicroseconds - start);
    }

    [Fact]
    public void BusTimeScalesWithTheClockWithoutLosingFractions()
    {
        var chip = new Mfrc522Chip(_channel, new Mfrc522ChipOptions { SpiClockHz = 1_000_000 });
        var spi = new RawSpi(chip);
        for (var i = 0; i < 1000; i++)
        {
            spi.Read(Mfrc522Register.Version);
        }

        // 1000 × 2 bytes × 8 bits at 1 MHz.
        Assert.Equal(16_000, _channel.Clock.MonotonicMicroseconds);
        Assert.Equal(16_000, chip.Statistics.Microseconds);
    }

    [Fact]
    public void TheAntennaBitsSwitchTheCarrier()
    {
        var spi = new RawSpi(new Mfrc522Chip(_channel));
        Assert.False(_channel.FieldOn);
        spi.Write(Mfrc522Register.TxControl, 0x83);
        Assert.True(_channel.FieldOn);
        spi.Write(Mfrc522Register.TxControl, 0x80);
        Assert.False(_channel.FieldOn);
    }

    [Theory]
    [InlineData(0x08, 18)]
    [InlineData(0x18, 23)]
    [InlineData(0x28, 18)]
    [InlineData(0x48, 33)]
    [InlineData(0x58, 38)]
    [InlineData(0x68, 43)]
    [InlineData(0x78, 48)]
    public void RxGainSelectsTheReceiverGain(byte rfCfg, int decibels)
    {
        var chip = new Mfrc522Chip(_channel);
        new RawSpi(chip).Write(Mfrc522Register.RfCfg, rfCfg);
        Assert.Equal(decibels, chip.ReceiverGainDb);
    }

    [Fact]
    public void ABusFasterThanTheChipAllowsIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Mfrc522Chip(_channel, new Mfrc522ChipOptions { SpiClockHz = 20_000_000 }));
    }
}
