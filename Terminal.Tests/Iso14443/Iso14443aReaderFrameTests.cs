using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;
using Xunit;

namespace Terminal.Tests.Iso14443;

/// <summary>The exact frames activation sends and how it reads each answer, against a scripted chip.</summary>
public sealed class Iso14443aReaderFrameTests
{
    private static readonly byte[] Atqa = [0x04, 0x00];

    [Fact]
    public void DetectCardTurnsCrypto1OffThenSendsAShortWupa()
    {
        var pcd = new ScriptedPcd().Silence();
        Assert.Equal(ReaderStatus.Timeout, new Iso14443aReader(pcd).DetectCard(new SelectedCard()));
        Assert.Equal(["stop-crypto1", "transceive"], pcd.Calls);
        var wupa = Assert.Single(pcd.Frames);
        Assert.Equal(new byte[] { 0x52 }, wupa.Bytes);
        Assert.Equal(7, wupa.TxLastBits);
        Assert.False(wupa.TxCrc);
    }

    [Fact]
    public void ATimedOutWupaIsRepeatedOnceWhenACardMayHaveBeenLeftAwake()
    {
        var pcd = new ScriptedPcd().Reply(Atqa).Reply(1, 2, 3, 4, 1 ^ 2 ^ 3 ^ 4).Reply(0x08).Silence().Silence().Silence();
        var reader = new Iso14443aReader(pcd);
        Assert.Equal(ReaderStatus.Ok, reader.DetectCard(new SelectedCard()));
        Assert.Equal(ReaderStatus.Timeout, reader.DetectCard(new SelectedCard()));
        Assert.Equal(5, pcd.Frames.Count);
        Assert.Equal(ReaderStatus.Timeout, reader.DetectCard(new SelectedCard()));
        Assert.Equal(6, pcd.Frames.Count);
    }

    [Fact]
    public void AfterAHaltOneWupaIsEnough()
    {
        var pcd = new ScriptedPcd().Reply(Atqa).Reply(1, 2, 3, 4, 1 ^ 2 ^ 3 ^ 4).Reply(0x08).Silence().Silence();
        var reader = new Iso14443aReader(pcd);
        Assert.Equal(ReaderStatus.Ok, reader.DetectCard(new SelectedCard()));
        Assert.Equal(ReaderStatus.Ok, reader.HaltA());
        Assert.Equal(ReaderStatus.Timeout, reader.DetectCard(new SelectedCard()));
        Assert.Equal(5, pcd.Frames.Count);
    }

    [Fact]
    public void SelectsAFourByteUidInThreeExchanges()
    {
        var pcd = new ScriptedPcd().Reply(Atqa).Reply(0xDE, 0xAD, 0xBE, 0xEF, 0x22).Reply(0x08);
        var card = new SelectedCard();
        Assert.Equal(ReaderStatus.Ok, new Iso14443aReader(pcd).DetectCard(card));
        Assert.Equal(new byte[] { 0x93, 0x20 }, pcd.Frames[1].Bytes);
        Assert.Equal(new byte[] { 0x93, 0x70, 0xDE, 0xAD, 0xBE, 0xEF, 0x22 }, pcd.Frames[2].Bytes);
        Assert.True(pcd.Frames[2].TxCrc && pcd.Frames[2].RxCrc);
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, card.Uid.Bytes[..card.Uid.Length]);
        Assert.Equal(0x0004, card.Atqa);
        Assert.Equal(CardType.MifareClassic1K, card.Type);
    }

    [Fact]
    public void ACollisionIsResolvedOnTheOneBranchWithAlignedBits()
    {
        // Two cards: 0b...0_10110 and 0b...1_10110 in the first byte collide at bit 5.
        var pcd = new ScriptedPcd()
            .Reply(Atqa)
            .Collide(5, 0x16, 0x00, 0x00, 0x00, 0x00)
            .Reply(0x36, 0x01, 0x02, 0x03, 0x36 ^ 0x01 ^ 0x02 ^ 0x03)
            .Reply(0x08);
        var card = new SelectedCard();
        Assert.Equal(ReaderStatus.Ok, new Iso14443aReader(pcd).DetectCard(card));

        var retry = pcd.Frames[2];
        Assert.Equal(new byte[] { 0x93, 0x26, 0x36 }, retry.Bytes);
        Assert.Equal(6, retry.TxLastBits);
        Assert.Equal(6, retry.RxAlign);
        Assert.Equal(new byte[] { 0x36, 0x01, 0x02, 0x03 }, card.Uid.Bytes[..4]);
    }

    [Fact]
    public void ReceivedBitsBelowTheAlignmentDoNotOverwriteKnownOnes()
    {
        // The chip's first byte may hold anything below RxAlign; the known bits must survive.
        var pcd = new ScriptedPcd()
            .Reply(Atqa)
            .Collide(5, 0x16, 0x00, 0x00, 0x00, 0x00)
            .Reply(0xC9, 0x01, 0x02, 0x03, 0xF6 ^ 0x01 ^ 0x02 ^ 0x03)
            .Reply(0x08);
        var card = new SelectedCard();
        Assert.Equal(ReaderStatus.Ok, new Iso14443aReader(pcd).DetectCard(card));
        Assert.Equal(0xF6, card.Uid.Bytes[0]);
    }

    [Fact]
    public void ACollisionInALaterByteSendsTheWholeKnownBytes()
    {
        var pcd = new ScriptedPcd()
            .Reply(Atqa)
            .Collide(17, 0xAA, 0xBB, 0x01, 0x00, 0x00)
            .Reply(0x07, 0x44, 0xAA ^ 0xBB ^ 0x07 ^ 0x44)
            .Reply(0x08);
        var card = new SelectedCard();
        Assert.Equal(ReaderStatus.Ok, new Iso14443aReader(pcd).DetectCard(card));
        Assert.Equal(new byte[] { 0x93, 0x42, 0xAA, 0xBB, 0x03 }, pcd.Frames[2].Bytes);
        Assert.Equal(2, pcd.Frames[2].TxLastBits);
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0x07, 0x44 }, card.Uid.Bytes[..4]);
    }

    [Fact]
    public void AWrongBccIsACrcErrorAndLeavesNothingOfAnEarlierCard()
    {
        var pcd = new ScriptedPcd().Reply(Atqa).Reply(1, 2, 3, 4, 1 ^ 2 ^ 3 ^ 4).Reply(0x08).Reply(Atqa).Reply(1, 2, 3, 4, 0xFF);
        var reader = new Iso14443aReader(pcd);
        var card = new SelectedCard();
        Assert.Equal(ReaderStatus.Ok, reader.DetectCard(card));
        Assert.Equal(ReaderStatus.CrcError, reader.DetectCard(card));
        Assert.Equal(0, card.Uid.Length);
        Assert.Equal(CardType.Unknown, card.Type);
    }

    [Fact]
    public void ACollisionWithoutAValidPositionIsAProtocolError()
    {
        var pcd = new ScriptedPcd().Reply(Atqa).Collide(-1, 0, 0, 0, 0, 0);
        Assert.Equal(ReaderStatus.ProtocolError, new Iso14443aReader(pcd).DetectCard(new SelectedCard()));
    }

    [Fact]
    public void AnIncompleteSakWithoutCascadeTagIsAProtocolError()
    {
        var pcd = new ScriptedPcd().Reply(Atqa).Reply(1, 2, 3, 4, 1 ^ 2 ^ 3 ^ 4).Reply(0x04);
        Assert.Equal(ReaderStatus.ProtocolError, new Iso14443aReader(pcd).DetectCard(new SelectedCard()));
    }

    [Fact]
    public void ACardThatStopsAnsweringDuringSelectIsGone()
    {
        var pcd = new ScriptedPcd().Reply(Atqa).Reply(1, 2, 3, 4, 1 ^ 2 ^ 3 ^ 4).Silence();
        Assert.Equal(ReaderStatus.CardGone, new Iso14443aReader(pcd).DetectCard(new SelectedCard()));
    }

    [Fact]
    public void AnAtqaOfTheWrongLengthIsAProtocolError()
    {
        var pcd = new ScriptedPcd().Reply(0x04);
        Assert.Equal(ReaderStatus.ProtocolError, new Iso14443aReader(pcd).WakeUpA(new SelectedCard()));
    }

    [Fact]
    public void HaltSendsHltaWithAShortTimeoutAndOnlyThenStopsCrypto1()
    {
        var pcd = new ScriptedPcd().Silence();
        Assert.Equal(ReaderStatus.Ok, new Iso14443aReader(pcd).HaltA());
        Assert.Equal(["transceive", "stop-crypto1"], pcd.Calls);
        var hlta = Assert.Single(pcd.Frames);
        Assert.Equal(new byte[] { 0x50, 0x00 }, hlta.Bytes);
        Assert.True(hlta.TxCrc);
        Assert.InRange(hlta.TimeoutMicroseconds, 1000, 1500);
    }

    [Fact]
    public void AnAnswerToHltaIsAFailure()
    {
        Assert.Equal(ReaderStatus.Nak, new Iso14443aReader(new ScriptedPcd().ReplyBits(0x04, 4)).HaltA());
        Assert.Equal(ReaderStatus.ProtocolError, new Iso14443aReader(new ScriptedPcd().Reply(0x08)).HaltA());
    }

    [Fact]
    public void ReselectSendsTheKnownUidWithoutAnticollision()
    {
        var card = new SelectedCard();
        card.Uid.Set([0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66], 0, 7);
        var pcd = new ScriptedPcd().Reply(0x44, 0x00).Reply(0x04).Reply(0x08);
        Assert.Equal(ReaderStatus.Ok, new Iso14443aReader(pcd).Reselect(card));
        Assert.Equal(new byte[] { 0x93, 0x70, 0x88, 0x04, 0x11, 0x22, 0x88 ^ 0x04 ^ 0x11 ^ 0x22 }, pcd.Frames[1].Bytes);
        Assert.Equal(new byte[] { 0x95, 0x70, 0x33, 0x44, 0x55, 0x66, 0x33 ^ 0x44 ^ 0x55 ^ 0x66 }, pcd.Frames[2].Bytes);
        Assert.Equal(CardType.MifareClassic1K, card.Type);
    }

    [Fact]
    public void ReselectOfACardNoLongerThereIsCardGone()
    {
        var card = new SelectedCard();
        card.Uid.Set([1, 2, 3, 4], 0, 4);
        Assert.Equal(ReaderStatus.CardGone, new Iso14443aReader(new ScriptedPcd().Silence()).Reselect(card));
        Assert.Equal(ReaderStatus.CardGone, new Iso14443aReader(new ScriptedPcd().Reply(0x04, 0x00).Silence()).Reselect(card));
    }
}
