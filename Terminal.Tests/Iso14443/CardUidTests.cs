using Terminal.Drivers.Iso14443;
using Xunit;

namespace Terminal.Tests.Iso14443;

public sealed class CardUidTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(11)]
    public void RefusesLengthsNoCardHas(int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CardUid().Set(new byte[12], 0, length));

    [Theory]
    [InlineData(4, 0)]
    [InlineData(7, 3)]
    [InlineData(10, 6)]
    public void Crypto1UsesTheLastFourBytes(int length, int offset)
    {
        var uid = new CardUid();
        uid.Set(new byte[10], 0, length);
        Assert.Equal(offset, uid.Crypto1Offset);
    }

    [Fact]
    public void OnlyAFourByteUidStartingWith08IsRandom()
    {
        var uid = new CardUid();
        uid.Set([0x08, 1, 2, 3], 0, 4);
        Assert.True(uid.IsRandom);
        uid.Set([0x08, 1, 2, 3, 4, 5, 6], 0, 7);
        Assert.False(uid.IsRandom);
        uid.Set([0x04, 1, 2, 3], 0, 4);
        Assert.False(uid.IsRandom);
    }

    [Fact]
    public void SameAsComparesLengthAndBytes()
    {
        var a = new CardUid();
        var b = new CardUid();
        a.Set([1, 2, 3, 4, 5, 6, 7], 0, 7);
        b.CopyFrom(a);
        Assert.True(a.SameAs(b));
        b.Bytes[6] ^= 1;
        Assert.False(a.SameAs(b));
        b.Set([1, 2, 3, 4], 0, 4);
        Assert.False(a.SameAs(b));
    }

    [Fact]
    public void SetClearsTheBytesOfALongerPreviousUid()
    {
        var uid = new CardUid();
        uid.Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 10);
        uid.Set([9, 9, 9, 9], 0, 4);
        Assert.Equal(new byte[] { 9, 9, 9, 9, 0, 0, 0, 0, 0, 0 }, uid.Bytes);
    }
}
