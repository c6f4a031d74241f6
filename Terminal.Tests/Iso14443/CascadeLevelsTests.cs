using FsCheck.Xunit;
using Terminal.Drivers.Iso14443;
using Xunit;

namespace Terminal.Tests.Iso14443;

public sealed class CascadeLevelsTests
{
    [Theory]
    [InlineData(4, 1)]
    [InlineData(7, 2)]
    [InlineData(10, 3)]
    public void UidLengthGivesTheLevelCount(int length, int levels) => Assert.Equal(levels, CascadeLevels.Count(length));

    [Fact]
    public void SelectorsAreTheThreeSelCodes()
    {
        Assert.Equal(0x93, CascadeLevels.Selector(0));
        Assert.Equal(0x95, CascadeLevels.Selector(1));
        Assert.Equal(0x97, CascadeLevels.Selector(2));
    }

    [Fact]
    public void BccIsTheXorOfTheFourBytes() =>
        Assert.Equal(0x04 ^ 0x4A ^ 0x2F ^ 0xB1, CascadeLevels.Bcc([0x00, 0x04, 0x4A, 0x2F, 0xB1], 1));

    [Fact]
    public void FourByteUidIsOneLevelWithoutTag()
    {
        var level = new byte[5];
        CascadeLevels.Fill(Uid(0xDE, 0xAD, 0xBE, 0xEF), 0, level, 0);
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF, 0xDE ^ 0xAD ^ 0xBE ^ 0xEF }, level);
    }

    [Fact]
    public void SevenByteUidStartsWithTheCascadeTag()
    {
        var uid = Uid(0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66);
        var level = new byte[5];
        CascadeLevels.Fill(uid, 0, level, 0);
        Assert.Equal(new byte[] { 0x88, 0x04, 0x11, 0x22, 0x88 ^ 0x04 ^ 0x11 ^ 0x22 }, level);
        CascadeLevels.Fill(uid, 1, level, 0);
        Assert.Equal(new byte[] { 0x33, 0x44, 0x55, 0x66, 0x33 ^ 0x44 ^ 0x55 ^ 0x66 }, level);
    }

    [Fact]
    public void TenByteUidHasTwoTaggedLevels()
    {
        var uid = Uid(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var level = new byte[5];
        CascadeLevels.Fill(uid, 1, level, 0);
        Assert.Equal(new byte[] { 0x88, 4, 5, 6, 0x88 ^ 4 ^ 5 ^ 6 }, level);
        CascadeLevels.Fill(uid, 2, level, 0);
        Assert.Equal(new byte[] { 7, 8, 9, 10, 7 ^ 8 ^ 9 ^ 10 }, level);
    }

    [Property]
    public bool AppendingTheFilledLevelsRebuildsTheUidWithoutTags(byte[] seed, byte lengthChoice)
    {
        var length = new[] { 4, 7, 10 }[lengthChoice % 3];
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = i < seed.Length ? seed[i] : (byte)i;
        }

        var uid = new CardUid();
        uid.Set(bytes, 0, length);
        var rebuilt = new CardUid();
        var level = new byte[5];
        var levels = CascadeLevels.Count(length);
        for (var l = 0; l < levels; l++)
        {
            CascadeLevels.Fill(uid, l, level, 0);
            if (!CascadeLevels.Append(rebuilt, level, 0, uidIncomplete: l < levels - 1))
            {
                return false;
            }
        }

        return rebuilt.SameAs(uid);
    }

    [Fact]
    public void AnIncompleteLevelWithoutCascadeTagIsRefused()
    {
        var uid = new CardUid();
        Assert.False(CascadeLevels.Append(uid, [0x04, 0x11, 0x22, 0x33, 0x00], 0, uidIncomplete: true));
        Assert.Equal(0, uid.Length);
    }

    [Fact]
    public void OnTheLastLevelTheTagValueIsAnOrdinaryUidByte()
    {
        var uid = new CardUid();
        Assert.True(CascadeLevels.Append(uid, [0x88, 0x11, 0x22, 0x33, 0x00], 0, uidIncomplete: false));
        Assert.Equal(new byte[] { 0x88, 0x11, 0x22, 0x33 }, uid.Bytes[..4]);
    }

    private static CardUid Uid(params byte[] bytes)
    {
        var uid = new CardUid();
        uid.Set(bytes, 0, bytes.Length);
        return uid;
    }
}
