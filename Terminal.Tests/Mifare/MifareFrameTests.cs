using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Tests.Iso14443;
using Xunit;

namespace Terminal.Tests.Mifare;

/// <summary>The exact MIFARE frames and how each kind of answer is read, against a scripted chip.</summary>
public sealed class MifareFrameTests
{
    private const byte Ack = 0x0A;
    private static readonly byte[] Key = [0, 0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6];

    [Fact]
    public void AuthenticatesWithTheLastFourBytesOfASevenByteUid()
    {
        var pcd = new ScriptedPcd();
        var uid = new CardUid();
        uid.Set([0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66], 0, 7);
        Assert.Equal(ReaderStatus.Ok, new MifareClassic(pcd).Authenticate(MifareKeyType.B, 7, Key, 2, uid));
        var (command, block, key, uid4) = pcd.LastAuthentication!.Value;
        Assert.Equal(0x61, command);
        Assert.Equal(7, block);
        Assert.Equal(Key[2..], key);
        Assert.Equal(new byte[] { 0x33, 0x44, 0x55, 0x66 }, uid4);
    }

    [Theory]
    [InlineData(ReaderStatus.Timeout, ReaderStatus.AuthFailed)]
    [InlineData(ReaderStatus.AuthFailed, ReaderStatus.AuthFailed)]
    [InlineData(ReaderStatus.ChipError, ReaderStatus.ChipError)]
    public void ASilentCardFailsAuthentication(ReaderStatus chip, ReaderStatus expected)
    {
        var uid = new CardUid();
        uid.Set([1, 2, 3, 4], 0, 4);
        var pcd = new ScriptedPcd { AuthenticationResult = chip };
        Assert.Equal(expected, new MifareClassic(pcd).Authenticate(MifareKeyType.A, 4, Key, 2, uid));
    }

    [Fact]
    public void ReadsSixteenBytesWithCrcCheckedByTheChip()
    {
        var data = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var pcd = new ScriptedPcd().Reply(data);
        var buffer = new byte[18];
        Assert.Equal(ReaderStatus.Ok, new MifareClassic(pcd).ReadBlock(9, buffer, 2));
        Assert.Equal(data, buffer[2..]);
        var read = Assert.Single(pcd.Frames);
        Assert.Equal(new byte[] { 0x30, 9 }, read.Bytes);
        Assert.True(read.TxCrc && read.RxCrc);
    }

    [Theory]
    [InlineData(ReaderStatus.Ok)]
    [InlineData(ReaderStatus.CrcError)]
    public void AFourBitAnswerToReadIsANak(ReaderStatus chip)
    {
        var pcd = new ScriptedPcd().Fail(chip, [0x04], lastBits: 4);
        Assert.Equal(ReaderStatus.Nak, new MifareClassic(pcd).ReadBlock(9, new byte[16], 0));
    }

    [Fact]
    public void ReadAnswersOfOtherShapesAreRefused()
    {
        Assert.Equal(ReaderStatus.ProtocolError, new MifareClassic(new ScriptedPcd().Reply(new byte[15])).ReadBlock(1, new byte[16], 0));
        Assert.Equal(ReaderStatus.CardGone, new MifareClassic(new ScriptedPcd().Silence()).ReadBlock(1, new byte[16], 0));
        Assert.Equal(ReaderStatus.CrcError, new MifareClassic(new ScriptedPcd().Fail(ReaderStatus.CrcError, new byte[16])).ReadBlock(1, new byte[16], 0));
    }

    [Fact]
    public void WritesInTwoAcknowledgedParts()
    {
        var data = Enumerable.Range(100, 16).Select(i => (byte)i).ToArray();
        var pcd = new ScriptedPcd().ReplyBits(Ack, 4).ReplyBits(Ack, 4);
        Assert.Equal(ReaderStatus.Ok, new MifareClassic(pcd).WriteBlock(5, data, 0));
        Assert.Equal(new byte[] { 0xA0, 5 }, pcd.Frames[0].Bytes);
        Assert.Equal(data, pcd.Frames[1].Bytes);
        Assert.All(pcd.Frames, f => Assert.True(f.TxCrc && !f.RxCrc));
        Assert.True(pcd.Frames[1].TimeoutMicroseconds >= 10_000, "the card programs its EEPROM before the second ACK");
    }

    [Theory]
    [InlineData(0x0)]
    [InlineData(0x1)]
    [InlineData(0x4)]
    [InlineData(0x5)]
    public void ANakToTheWriteCommandStopsBeforeTheData(byte nak)
    {
        var pcd = new ScriptedPcd().ReplyBits(nak, 4);
        Assert.Equal(ReaderStatus.Nak, new MifareClassic(pcd).WriteBlock(0, new byte[16], 0));
        Assert.Single(pcd.Frames);
    }

    [Fact]
    public void ANakOrSilenceAfterTheWriteDataIsReported()
    {
        Assert.Equal(ReaderStatus.Nak, new MifareClassic(new ScriptedPcd().ReplyBits(Ack, 4).ReplyBits(0x05, 4)).WriteBlock(4, new byte[16], 0));
        Assert.Equal(ReaderStatus.CardGone, new MifareClassic(new ScriptedPcd().ReplyBits(Ack, 4).Silence()).WriteBlock(4, new byte[16], 0));
        Assert.Equal(ReaderStatus.ProtocolError, new MifareClassic(new ScriptedPcd().ReplyBits(Ack, 4).Reply(Ack)).WriteBlock(4, new byte[16], 0));
    }

    [Fact]
    public void DecrementSendsTheOperandLittleEndianAndTakesSilenceAsSuccess()
    {
        var pcd = new ScriptedPcd().ReplyBits(Ack, 4).Silence();
        Assert.Equal(ReaderStatus.Ok, new MifareClassic(pcd).Decrement(6, 0x01020304));
        Assert.Equal(new byte[] { 0xC0, 6 }, pcd.Frames[0].Bytes);
        Assert.Equal(new byte[] { 0x04, 0x03, 0x02, 0x01 }, pcd.Frames[1].Bytes);
        Assert.True(pcd.Frames[1].TxCrc);
        Assert.InRange(pcd.Frames[1].TimeoutMicroseconds, 1, 1500);
    }

    [Fact]
    public void IncrementAndRestoreUseTheirCommandCodes()
    {
        var pcd = new ScriptedPcd().ReplyBits(Ack, 4).Silence().ReplyBits(Ack, 4).Silence();
        var classic = new MifareClassic(pcd);
        Assert.Equal(ReaderStatus.Ok, classic.Increment(8, 5));
        Assert.Equal(ReaderStatus.Ok, classic.Restore(9));
        Assert.Equal(new byte[] { 0xC1, 8 }, pcd.Frames[0].Bytes);
        Assert.Equal(new byte[] { 0xC2, 9 }, pcd.Frames[2].Bytes);
        Assert.Equal(new byte[4], pcd.Frames[3].Bytes);
    }

    [Fact]
    public void ANakToAValueOperationFailsIt()
    {
        Assert.Equal(ReaderStatus.Nak, new MifareClassic(new ScriptedPcd().ReplyBits(0x04, 4)).Decrement(6, 1));
        Assert.Equal(ReaderStatus.Nak, new MifareClassic(new ScriptedPcd().ReplyBits(Ack, 4).ReplyBits(0x01, 4)).Decrement(6, 1));
        Assert.Equal(ReaderStatus.CardGone, new MifareClassic(new ScriptedPcd().Silence()).Decrement(6, 1));
    }

    [Fact]
    public void TransferIsOneAcknowledgedFrame()
    {
        var pcd = new ScriptedPcd().ReplyBits(Ack, 4);
        Assert.Equal(ReaderStatus.Ok, new MifareClassic(pcd).Transfer(10));
        var transfer = Assert.Single(pcd.Frames);
        Assert.Equal(new byte[] { 0xB0, 10 }, transfer.Bytes);
        Assert.True(transfer.TxCrc);
    }

    [Fact]
    public void ANegativeAmountIsRefusedBeforeAnythingIsSent()
    {
        var pcd = new ScriptedPcd();
        Assert.Throws<ArgumentOutOfRangeException>(() => new MifareClassic(pcd).Decrement(6, -1));
        Assert.Empty(pcd.Frames);
    }

    [Fact]
    public void UltralightWritesOnePageInOneFrame()
    {
        var pcd = new ScriptedPcd().ReplyBits(Ack, 4);
        Assert.Equal(ReaderStatus.Ok, new Ultralight(pcd).WritePage(4, [0, 0xDE, 0xAD, 0xBE, 0xEF], 1));
        var write = Assert.Single(pcd.Frames);
        Assert.Equal(new byte[] { 0xA2, 4, 0xDE, 0xAD, 0xBE, 0xEF }, write.Bytes);
        Assert.True(write.TxCrc && !write.RxCrc);
    }

    [Fact]
    public void UltralightReadsFourPages()
    {
        var data = Enumerable.Range(0, 16).Select(i => (byte)(i * 3)).ToArray();
        var pcd = new ScriptedPcd().Reply(data);
        var buffer = new byte[16];
        Assert.Equal(ReaderStatus.Ok, new Ultralight(pcd).ReadPages(12, buffer, 0));
        Assert.Equal(data, buffer);
        Assert.Equal(new byte[] { 0x30, 12 }, pcd.Frames[0].Bytes);
    }
}
