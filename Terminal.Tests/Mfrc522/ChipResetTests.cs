using Terminal.Simulation.Mfrc522;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>SoftReset puts every register back to its datasheet reset value and keeps the Mem buffer.</summary>
public sealed class ChipResetTests
{
    private readonly ScriptedChannel _channel = new();
    private readonly Mfrc522Chip _chip;
    private readonly RawSpi _spi;

    public ChipResetTests()
    {
        _chip = new Mfrc522Chip(_channel);
        _spi = new RawSpi(_chip);
    }

    public static TheoryData<Mfrc522Register, byte> ResetValues => new()
    {
        { Mfrc522Register.Command, 0x20 },
        { Mfrc522Register.ComIEn, 0x80 },
        { Mfrc522Register.DivIEn, 0x00 },
        { Mfrc522Register.ComIrq, 0x14 },
        { Mfrc522Register.DivIrq, 0x00 },
        { Mfrc522Register.Error, 0x00 },
        { Mfrc522Register.Status2, 0x00 },
        { Mfrc522Register.FifoLevel, 0x00 },
        { Mfrc522Register.WaterLevel, 0x08 },
        { Mfrc522Register.Control, 0x10 },
        { Mfrc522Register.BitFraming, 0x00 },
        { Mfrc522Register.Mode, 0x3F },
        { Mfrc522Register.TxMode, 0x00 },
        { Mfrc522Register.RxMode, 0x00 },
        { Mfrc522Register.TxControl, 0x80 },
        { Mfrc522Register.TxAsk, 0x00 },
        { Mfrc522Register.ModWidth, 0x26 },
        { Mfrc522Register.RfCfg, 0x48 },
        { Mfrc522Register.TMode, 0x00 },
        { Mfrc522Register.TPrescaler, 0x00 },
        { Mfrc522Register.TReloadH, 0x00 },
        { Mfrc522Register.TReloadL, 0x00 },
    };

    [Theory]
    [MemberData(nameof(ResetValues))]
    public void SoftResetRestoresTheResetValue(Mfrc522Register register, byte expected)
    {
        Scribble();

        _spi.Command(Mfrc522Command.SoftReset);
        _channel.Clock.Advance(100);

        Assert.Equal(expected, _spi.Read(register));
    }

    [Fact]
    public void PowerDownReadsOneUntilTheOscillatorHasStarted()
    {
        _spi.Command(Mfrc522Command.SoftReset);
        Assert.Equal(0x10, _spi.Read(Mfrc522Register.Command) & 0x10);

        _channel.Clock.Advance(38);

        Assert.Equal(0x00, _spi.Read(Mfrc522Register.Command) & 0x10);
    }

    [Fact]
    public void WritesDuringTheWakeUpAreLost()
    {
        _spi.Command(Mfrc522Command.SoftReset);
        _spi.Write(Mfrc522Register.TPrescaler, 0xA9);
        _channel.Clock.Advance(100);
        Assert.Equal(0x00, _spi.Read(Mfrc522Register.TPrescaler));
    }

    [Fact]
    public void SoftResetSwitchesTheAntennaOffAndCrypto1Off()
    {
        _spi.Write(Mfrc522Register.TxControl, 0x83);

        _spi.Command(Mfrc522Command.SoftReset);

        Assert.False(_channel.FieldOn);
        Assert.False(_chip.Crypto1On);
    }

    [Fact]
    public void SoftResetKeepsTheMemBuffer()
    {
        var data = Enumerable.Range(1, 25).Select(i => (byte)(i * 7)).ToArray();
        _spi.Write(Mfrc522Register.FifoData, data);
        _spi.Command(Mfrc522Command.Mem);

        _spi.Command(Mfrc522Command.SoftReset);
        _channel.Clock.Advance(100);
        _spi.Command(Mfrc522Command.Mem);

        Assert.Equal(data, _spi.ReadBurst(Enumerable.Repeat(Mfrc522Register.FifoData, 25).ToArray()));
    }

    [Fact]
    public void SoftPowerDownNeedsTheWakeUpTimeAfterItEnds()
    {
        _spi.Write(Mfrc522Register.Command, 0x10);
        _channel.Clock.Advance(1_000);
        Assert.Equal(0x10, _spi.Read(Mfrc522Register.Command) & 0x10);

        _spi.Write(Mfrc522Register.Command, 0x00);
        Assert.Equal(0x10, _spi.Read(Mfrc522Register.Command) & 0x10);
        _channel.Clock.Advance(38);
        Assert.Equal(0x00, _spi.Read(Mfrc522Register.Command) & 0x10);
    }

    private void Scribble()
    {
        foreach (var register in new[]
                 {
                     Mfrc522Register.ComIEn, Mfrc522Register.DivIEn, Mfrc522Register.WaterLevel, Mfrc522Register.BitFraming,
                     Mfrc522Register.Mode, Mfrc522Register.TxMode, Mfrc522Register.RxMode, Mfrc522Register.TxControl, Mfrc522Register.TxAsk,
                     Mfrc522Register.ModWidth, Mfrc522Register.RfCfg, Mfrc522Register.TMode, Mfrc522Register.TPrescaler,
                     Mfrc522Register.TReloadH, Mfrc522Register.TReloadL,
                 })
        {
            _spi.Write(register, 0x55);
        }

        _spi.Write(Mfrc522Register.ComIrq, 0xFF);
        _spi.Write(Mfrc522Register.DivIrq, 0xFF);
        _spi.Write(Mfrc522Register.FifoData, new byte[65]);
        _spi.Write(Mfrc522Register.Command, (byte)Mfrc522Command.CalcCrc);
    }
}
