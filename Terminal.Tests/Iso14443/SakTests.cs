using Terminal.Drivers.Iso14443;
using Xunit;

namespace Terminal.Tests.Iso14443;

public sealed class SakTests
{
    [Theory]
    [InlineData(0x08, CardType.MifareClassic1K)]
    [InlineData(0x18, CardType.MifareClassic4K)]
    [InlineData(0x09, CardType.MifareMini)]
    [InlineData(0x00, CardType.UltralightOrNtag)]
    [InlineData(0x10, CardType.MifarePlus2K)]
    [InlineData(0x11, CardType.MifarePlus4K)]
    [InlineData(0x20, CardType.Iso14443Part4)]
    [InlineData(0x40, CardType.NfcDep)]
    [InlineData(0x28, CardType.Unknown)]
    [InlineData(0x01, CardType.Unknown)]
    public void DecodesTheKnownSaks(int sak, CardType type) => Assert.Equal(type, Sak.Decode(sak));

    [Theory]
    [InlineData(0x88, CardType.MifareClassic1K)]
    [InlineData(0x98, CardType.MifareClassic4K)]
    [InlineData(0x80, CardType.UltralightOrNtag)]
    public void IgnoresTheInfineonBit8(int sak, CardType type) => Assert.Equal(type, Sak.Decode(sak));

    [Theory]
    [InlineData(0x04, true)]
    [InlineData(0x24, true)]
    [InlineData(0x08, false)]
    [InlineData(0x00, false)]
    public void Bit3MeansTheUidIsIncomplete(int sak, bool incomplete) => Assert.Equal(incomplete, Sak.UidIncomplete(sak));
}
