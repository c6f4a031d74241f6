using Terminal.Firmware.Card;
using Xunit;

namespace Terminal.Tests.Card;

public sealed class IdentityCodecTests
{
    private static readonly CardFixture Card = new(CardFixture.RandomUid(4));

    [Fact]
    public void RoundTripsEveryField()
    {
        var identity = new CardIdentity { CardType = 3, Blocked = true, BlockReason = 42, ExpiryDay = 4000, IssueDay = 300, OperatorId = 7, KeyVersion = 2 };
        var block = new byte[16];
        Assert.Equal(CardRecordStatus.Ok, Card.Identity.Encode(identity, Card.Keys, Card.Uid, Card.Uid.Length, block, 0));
        var decoded = new CardIdentity();
        Assert.Equal(CardRecordStatus.Ok, Card.Identity.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, decoded));
        Assert.Equivalent(identity, decoded);
    }

    [Fact]
    public void AnUnblockedCopyCannotBeForged()
    {
        var block = new byte[16];
        Card.Identity.Encode(new CardIdentity { Blocked = true, BlockReason = 1, ExpiryDay = 900 }, Card.Keys, Card.Uid, Card.Uid.Length, block, 0);
        block[2] = 0;
        Assert.Equal(CardRecordStatus.BadMac, Card.Identity.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, new CardIdentity()));
    }

    [Fact]
    public void AnUnknownVersionIsNamedAsSuch()
    {
        var block = new byte[16];
        block[0] = 9;
        Assert.Equal(CardRecordStatus.UnknownVersion, Card.Identity.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, new CardIdentity()));
    }

    [Fact]
    public void ExpiresTheDayAfterItsExpiryDay()
    {
        var identity = new CardIdentity { ExpiryDay = 10 };
        var lastSecondOfDay10 = CardLayout.EpochUnixSeconds + 11L * CardLayout.SecondsPerDay - 1;
        Assert.False(identity.IsExpiredAt(lastSecondOfDay10));
        Assert.True(identity.IsExpiredAt(lastSecondOfDay10 + 1));
    }
}
