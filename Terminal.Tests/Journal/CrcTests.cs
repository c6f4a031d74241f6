using Terminal.Firmware.Binary;
using FsCheck.Xunit;
using Terminal.Firmware.Journal;
using Xunit;

namespace Terminal.Tests.Journal;

public sealed class CrcTests
{
    private static readonly byte[] CheckInput = "123456789"u8.ToArray();

    [Fact]
    public void Crc16MatchesTheCatalogueCheckValueOfIbm3740() => Assert.Equal(0x29B1, Crc16Ccitt.Compute(CheckInput, 0, 9));

    [Fact]
    public void Crc16OfNothingIsItsInitialValue() => Assert.Equal(0xFFFF, Crc16Ccitt.Compute([], 0, 0));

    [Fact]
    public void Crc32MatchesTheCatalogueCheckValueOfIsoHdlc() => Assert.Equal(0xCBF43926u, Crc32.Compute(CheckInput, 0, 9));

    [Property]
    public bool Crc32OverPartsEqualsCrc32OverTheWhole(byte[] data, int splitSeed)
    {
        int split = data.Length == 0 ? 0 : (int)((uint)splitSeed % (uint)(data.Length + 1));
        uint running = Crc32.Update(Crc32.Update(Crc32.Start, data, 0, split), data, split, data.Length - split);
        return Crc32.Finish(running) == Crc32.Compute(data, 0, data.Length);
    }

    [Property]
    public bool Crc16HonoursOffsetAndCount(byte[] data, byte before, byte after)
    {
        var framed = new byte[data.Length + 2];
        framed[0] = before;
        data.CopyTo(framed, 1);
        framed[^1] = after;
        return Crc16Ccitt.Compute(framed, 1, data.Length) == Crc16Ccitt.Compute(data, 0, data.Length);
    }
}
