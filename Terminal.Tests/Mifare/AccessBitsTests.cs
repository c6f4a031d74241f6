using FsCheck.Xunit;
using Terminal.Drivers.Mifare;
using Xunit;

namespace Terminal.Tests.Mifare;

public sealed class AccessBitsTests
{
    // Known patterns: the factory state, and two common personalisations.
    [Theory]
    [InlineData(AccessCondition.DataOpen, AccessCondition.TrailerTransport, 0xFF, 0x07, 0x80)]
    [InlineData(AccessCondition.DataOpen, AccessCondition.TrailerKeyBManaged, 0x7F, 0x07, 0x88)]
    [InlineData(AccessCondition.DataWriteWithKeyB, AccessCondition.TrailerKeyBManaged, 0x78, 0x77, 0x88)]
    [InlineData(AccessCondition.ValueRechargeable, AccessCondition.TrailerKeyBManaged, 0x08, 0x77, 0x8F)]
    public void EncodesKnownPatterns(int data, int trailer, byte b6, byte b7, byte b8)
    {
        var bytes = new byte[3];
        AccessBits.Encode([data, data, data, trailer], bytes, 0);
        Assert.Equal(new[] { b6, b7, b8 }, bytes);
    }

    [Fact]
    public void PlacesEachGroupInItsOwnBit()
    {
        // Only group 1 is 100 (C1), so only bit 1 of the C1 nibbles moves: 0xFF 07 80 -> FD 27 80.
        var bytes = new byte[3];
        AccessBits.Encode([0, AccessCondition.DataWriteWithKeyB, 0, AccessCondition.TrailerTransport], bytes, 0);
        Assert.Equal(new byte[] { 0xFD, 0x27, 0x80 }, bytes);
    }

    [Property]
    public bool DecodesWhatItEncodes(byte g0, byte g1, byte g2, byte trailer)
    {
        int[] conditions = [g0 & 7, g1 & 7, g2 & 7, trailer & 7];
        var bytes = new byte[4];
        AccessBits.Encode(conditions, bytes, 1);
        var decoded = new int[4];
        return AccessBits.TryDecode(bytes, 1, decoded) && decoded.SequenceEqual(conditions);
    }

    [Property]
    public bool AnySingleBitFlipIsInconsistent(byte g0, byte g1, byte g2, byte trailer, byte bit)
    {
        var bytes = new byte[3];
        AccessBits.Encode([g0 & 7, g1 & 7, g2 & 7, trailer & 7], bytes, 0);
        bytes[(bit % 24) / 8] ^= (byte)(1 << (bit % 8));
        return !AccessBits.TryDecode(bytes, 0, new int[4]);
    }

    [Fact]
    public void InconsistentBytesDecodeToNoCondition()
    {
        var conditions = new[] { 5, 5, 5, 5 };
        Assert.False(AccessBits.TryDecode([0x00, 0x00, 0x00], 0, conditions));
        Assert.Equal(new[] { 0, 0, 0, 0 }, conditions);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(-1)]
    public void RefusesConditionsOutsideThreeBits(int condition) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AccessBits.Encode([0, condition, 0, 1], new byte[3], 0));
}
