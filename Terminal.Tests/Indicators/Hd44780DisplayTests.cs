using Terminal.Drivers.Hal;
using Terminal.Drivers.Indicators;
using Terminal.Simulation.Timing;
using Xunit;

namespace Terminal.Tests.Indicators;

public sealed class Hd44780DisplayTests
{
    private readonly RecordingI2c _bus = new();
    private readonly Hd44780Display _display;

    public Hd44780DisplayTests() => _display = new Hd44780Display(_bus, new SimulatedClock(), 2, 16);

    [Fact]
    public void InitEntersFourBitModeThenConfigures()
    {
        _display.Init();
        var nibbles = Decode(_bus.Bytes).Select(n => n.Value).ToList();
        Assert.Equal([0x3, 0x3, 0x3, 0x2, 0x2, 0x8, 0x0, 0xC, 0x0, 0x1, 0x0, 0x6], nibbles);
        Assert.All(Decode(_bus.Bytes), n => Assert.False(n.Data));
    }

    [Fact]
    public void ARowIsAddressedWrittenAndPaddedToTheWidth()
    {
        var text = "Fare 2.50"u8.ToArray();
        _display.WriteRow(1, text, 0, text.Length);
        var bytes = Bytes(Decode(_bus.Bytes));
        Assert.Equal((0x80 | 0x40, false), bytes[0]);
        Assert.Equal("Fare 2.50       ", new string(bytes.Skip(1).Select(b => (char)b.Value).ToArray()));
        Assert.All(bytes.Skip(1), b => Assert.True(b.Data));
    }

    [Fact]
    public void NonAsciiShowsAsOneQuestionMarkAndLongTextIsCut()
    {
        var text = "Café payé, merci beaucoup"u8.ToArray();
        _display.WriteRow(0, text, 0, text.Length);
        var shown = new string(Bytes(Decode(_bus.Bytes)).Skip(1).Select(b => (char)b.Value).ToArray());
        Assert.Equal("Caf? pay?, merci", shown);
    }

    [Fact]
    public void EveryNibbleIsClockedWithEnableHighThenLowAndTheBacklightOn()
    {
        var text = "Ok"u8.ToArray();
        _display.WriteRow(0, text, 0, text.Length);
        for (var i = 0; i < _bus.Bytes.Count; i += 2)
        {
            Assert.Equal(0x04, _bus.Bytes[i] & 0x04);
            Assert.Equal(0, _bus.Bytes[i + 1] & 0x04);
            Assert.Equal(_bus.Bytes[i] & ~0x04, _bus.Bytes[i + 1]);
            Assert.Equal(0x08, _bus.Bytes[i] & 0x08);
        }
    }

    private static List<(int Value, bool Data)> Decode(List<byte> bytes) =>
        Enumerable.Range(0, bytes.Count / 2).Select(i => (bytes[2 * i] >> 4, (bytes[2 * i] & 0x01) != 0)).ToList();

    private static List<(int Value, bool Data)> Bytes(List<(int Value, bool Data)> nibbles) =>
        Enumerable.Range(0, nibbles.Count / 2).Select(i => ((nibbles[2 * i].Value << 4) | nibbles[2 * i + 1].Value, nibbles[2 * i].Data)).ToList();

    private sealed class RecordingI2c : II2cDevice
    {
        public List<byte> Bytes { get; } = [];

        public void Write(byte[] buffer, int offset, int count) => Bytes.AddRange(buffer.AsSpan(offset, count).ToArray());
    }
}
