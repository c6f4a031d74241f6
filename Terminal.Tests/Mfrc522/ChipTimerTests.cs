using Terminal.Simulation.Mfrc522;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>
/// Timer period (2·TPrescaler + 1)·(TReload + 1) / 13.56 MHz, in simulated time. The bus runs at
/// 8 MHz here so that every SPI byte costs exactly 1 µs and instants can be placed exactly.
/// </summary>
public sealed class ChipTimerTests
{
    private readonly ScriptedChannel _channel = new();
    private readonly RawSpi _spi;
    private long _startedAt;

    public ChipTimerTests() : this(0x92)
    {
    }

    private ChipTimerTests(byte version)
    {
        _spi = new RawSpi(new Mfrc522Chip(_channel, new Mfrc522ChipOptions { SpiClockHz = 8_000_000, Version = version }));
    }

    [Theory]
    [InlineData(169, 999, 25_000)]
    [InlineData(169, 0x06E8, 44_225)]
    [InlineData(0, 99, 8)]
    [InlineData(0xFFF, 0xFFFF, 39_587_418)]
    public void TimerIrqFiresExactlyOnePeriodAfterTheStart(int prescaler, int reload, long periodMicroseconds)
    {
        var early = new ChipTimerTests();
        foreach (var chip in new[] { early, this })
        {
            chip.Program(prescaler, reload, tMode: 0);
            chip.Start();
        }

        Assert.Equal(0, early.ReadAt(periodMicroseconds - 1, Mfrc522Register.ComIrq) & 0x01);
        Assert.Equal(0x01, ReadAt(periodMicroseconds, Mfrc522Register.ComIrq) & 0x01);
        Assert.Equal(0, _spi.Read(Mfrc522Register.Status1) & 0x08);
    }

    [Fact]
    public void TPrescalEvenMakesTheDivisorEvenOnVersion2Only()
    {
        var v2 = new ChipTimerTests(0x92);
        var v2Early = new ChipTimerTests(0x92);
        var v1 = new ChipTimerTests(0x91);
        foreach (var chip in new[] { v1, v2, v2Early })
        {
            chip._spi.Write(Mfrc522Register.Demod, 0x4D | 0x10);
            chip.Program(169, 999, tMode: 0);
            chip.Start();
        }

        Assert.Equal(0x01, v1.ReadAt(25_000, Mfrc522Register.ComIrq) & 0x01);
        Assert.Equal(0x00, v2Early.ReadAt(25_073, Mfrc522Register.ComIrq) & 0x01);
        Assert.Equal(0x01, v2.ReadAt(25_074, Mfrc522Register.ComIrq) & 0x01);
    }

    [Fact]
    public void TheCounterCountsDownInPrescaledTicks()
    {
        Program(169, 999, tMode: 0);
        Start();

        var counter = ReadBurstAt(12_500, Mfrc522Register.TCounterValueH, Mfrc522Register.TCounterValueL);

        Assert.Equal(499, counter[0] << 8 | counter[1]);
        Assert.Equal(0x08, _spi.Read(Mfrc522Register.Status1) & 0x08);
    }

    [Fact]
    public void TAutoRestartReloadsAndFiresEveryPeriod()
    {
        Program(169, 99, tMode: 0x10);
        Start();
        Assert.Equal(0x01, ReadAt(6_250, Mfrc522Register.ComIrq) & 0x01);
        Assert.Equal(0x08, _spi.Read(Mfrc522Register.Status1) & 0x08);

        _spi.Write(Mfrc522Register.ComIrq, 0x01);
        Assert.Equal(0x00, ReadAt(7_400, Mfrc522Register.ComIrq) & 0x01);
        Assert.Equal(0x01, ReadAt(7_500, Mfrc522Register.ComIrq) & 0x01);
    }

    [Fact]
    public void TStopNowStopsTheTimer()
    {
        Program(169, 999, tMode: 0);
        Start();
        _spi.Write(Mfrc522Register.Control, 0x80);

        Assert.Equal(0, ReadAt(30_000, Mfrc522Register.ComIrq) & 0x01);
        Assert.Equal(0, _spi.Read(Mfrc522Register.Status1) & 0x08);
    }

    [Fact]
    public void TReloadTakesEffectAtTheNextStart()
    {
        Program(169, 999, tMode: 0);
        Start();
        _spi.Write(Mfrc522Register.TReloadH, 0x00);
        _spi.Write(Mfrc522Register.TReloadL, 0x09);

        Assert.Equal(0, ReadAt(24_000, Mfrc522Register.ComIrq) & 0x01);
        Assert.Equal(0x01, ReadAt(25_000, Mfrc522Register.ComIrq) & 0x01);
    }

    private void Program(int prescaler, int reload, byte tMode)
    {
        _spi.Write(Mfrc522Register.TMode, (byte)(tMode | prescaler >> 8));
        _spi.Write(Mfrc522Register.TPrescaler, (byte)prescaler);
        _spi.Write(Mfrc522Register.TReloadH, (byte)(reload >> 8));
        _spi.Write(Mfrc522Register.TReloadL, (byte)reload);
        _spi.Write(Mfrc522Register.ComIrq, 0x7F);
    }

    private void Start()
    {
        _spi.Write(Mfrc522Register.Control, 0x40);
        _startedAt = _channel.Clock.MonotonicMicroseconds;
    }

    /// <summary>Reads so that the chip sees the read at <paramref name="elapsed"/> µs after the start (the 2-byte read costs 2 µs).</summary>
    private byte ReadAt(long elapsed, Mfrc522Register register) => ReadBurstAt(elapsed, register)[0];

    private byte[] ReadBurstAt(long elapsed, params Mfrc522Register[] registers)
    {
        var busCost = registers.Length + 1;
        _channel.Clock.Advance(_startedAt + elapsed - busCost - _channel.Clock.MonotonicMicroseconds);
        return _spi.ReadBurst(registers);
    }
}
