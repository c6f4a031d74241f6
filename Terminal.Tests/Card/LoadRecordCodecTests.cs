using Terminal.Firmware.Card;
using Xunit;

namespace Terminal.Tests.Card;

public sealed class LoadRecordCodecTests
{
    private static readonly CardFixture Card = new(CardFixture.RandomUid(7));

    [Fact]
    public void ASealedLoadNumberReadsBack()
    {
        var codec = new LoadRecordCodec(Card.Mac);
        var block = new byte[CardLayout.BlockSize];
        Assert.Equal(CardRecordStatus.Ok, codec.Encode(0xBEEF, Card.Keys, Card.Uid, Card.Uid.Length, block, 0));

        Assert.Equal(CardRecordStatus.Ok, codec.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, out var number));
        Assert.Equal(0xBEEF, number);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(LoadRecordCodec.PayloadSize - 1)]
    public void AWellSealedLoadRecordWithNonZeroReservedBytesIsRefused(int reserved)
    {
        var codec = new LoadRecordCodec(Card.Mac);
        var block = new byte[CardLayout.BlockSize];
        codec.Encode(42, Card.Keys, Card.Uid, Card.Uid.Length, block, 0);
        block[reserved] = 1;
        Card.Mac.Seal(LoadRecordCodec.MacLabel, Card.Keys, Card.Uid, Card.Uid.Length, block, 0, LoadRecordCodec.PayloadSize, LoadRecordCodec.MacSize);

        Assert.Equal(CardRecordStatus.UnknownVersion, codec.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, out var number));
        Assert.Equal(0, number);
    }
}
