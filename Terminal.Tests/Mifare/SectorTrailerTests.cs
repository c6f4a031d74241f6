using Terminal.Drivers.Mifare;
using Xunit;

namespace Terminal.Tests.Mifare;

public sealed class SectorTrailerTests
{
    private static readonly byte[] FactoryKey = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    [Fact]
    public void BuildsTheFactoryTrailer()
    {
        var trailer = new byte[16];
        SectorTrailer.Build(FactoryKey, 0, [0, 0, 0, AccessCondition.TrailerTransport], SectorTrailer.FactoryUserByte, FactoryKey, 0, trailer, 0);
        Assert.Equal(
            new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x80, 0x69, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },
            trailer);
    }

    [Fact]
    public void PutsKeysWhereTheCardExpectsThem()
    {
        byte[] keys = [0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5];
        int[] conditions = [AccessCondition.ValueRechargeable, AccessCondition.DataReadOnly, 0, AccessCondition.TrailerKeyBManaged];
        var buffer = new byte[20];
        SectorTrailer.Build(keys, 0, conditions, 0x42, keys, 6, buffer, 2);
        Assert.Equal(keys[..6], buffer[2..8]);
        Assert.Equal(0x42, buffer[11]);
        Assert.Equal(keys[6..], buffer[12..18]);
        var decoded = new int[4];
        Assert.True(SectorTrailer.TryReadConditions(buffer, 2, decoded));
        Assert.Equal(conditions, decoded);
    }
}
