using Terminal.Drivers.Iso14443;
using Terminal.Simulation.Mfrc522;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>Transceive driven register by register, as any MFRC522 driver would drive it.</summary>
public sealed class ChipTransceiveTests
{
    private readonly ScriptedChannel _channel = new();
    private readonly Mfrc522Chip _chip;
    private readonly RawSpi _spi;

    public ChipTransceiveTests()
    {
        _chip = new Mfrc522Chip(_channel);
        _spi = new RawSpi(_chip);
        _spi.Write(Mfrc522Register.TMode, 0x80);
        _spi.Write(Mfrc522Register.TPrescaler, 0xA9);
        _spi.Write(Mfrc522Register.TReloadH, 0x03);
        _spi.Write(Mfrc522Register.TReloadL, 0xE8);
        _spi.Write(Mfrc522Register.TxControl, 0x83);
        _spi.Write(Mfrc522Register.ComIrq, 0x7F);
    }

    [Fact]
    public void AShortFrameGoesOutWithTxLastBitsAndTheAnswerLandsInTheFifo()
    {
        _channel.Reply(0x04, 0x00);

        Send(lastBits: 7, 0x26);

        var frame = Assert.Single(_channel.Frames);
        Assert.Equal(7, frame.BitCount);
        Assert.Equal(0x26, frame.Data[0]);
        Assert.False(frame.Encrypted);
        Assert.Equal(0x60, _spi.Read(Mfrc522Register.ComIrq) & 0x60);
        Assert.Equal(new byte[] { 2, 0x00, 0x10 }, _spi.ReadBurst(Mfrc522Register.FifoLevel, Mfrc522Register.Error, Mfrc522Register.Control));
        Assert.Equal(new byte[] { 0x04, 0x00 }, _spi.ReadBurst(Mfrc522Register.FifoData, Mfrc522Register.FifoData));
    }

    [Fact]
    public void NothingIsSentBeforeStartSendAndTransceiveKeepsRunningAfterTheAnswer()
    {
        _channel.Reply(0x04, 0x00);
        _spi.Write(Mfrc522Register.FifoData, 0x26);
        _spi.Write(Mfrc522Register.BitFraming, 0x07);
        _spi.Command(Mfrc522Command.Transceive);
        Assert.Empty(_channel.Frames);
        Assert.Equal(0b001, _spi.Read(Mfrc522Register.Status2) & 0x07);

        _spi.Write(Mfrc522Register.BitFraming, 0x87);

        Assert.Single(_channel.Frames);
        Assert.Equal((byte)Mfrc522Command.Transceive, _spi.Read(Mfrc522Register.Command) & 0x0F);
        Assert.Equal(0, _spi.Read(Mfrc522Register.ComIrq) & 0x10);
    }

    [Fact]
    public void TxCrcEnAppendsCrcA()
    {
        _spi.Write(Mfrc522Register.TxMode, 0x80);

        Send(lastBits: 0, 0x50, 0x00);

        Assert.Equal(new byte[] { 0x50, 0x00, 0x57, 0xCD }, _channel.Frames[0].Data);
        Assert.Equal(32, _channel.Frames[0].BitCount);
    }

    [Fact]
    public void RxCrcEnChecksAndStripsTheCrc()
    {
        _spi.Write(Mfrc522Register.RxMode, 0x80);
        _channel.ReplyWithCrc(0x08);

        Send(lastBits: 0, 0x93, 0x70);

        Assert.Equal(new byte[] { 1, 0x00, 0x08 }, _spi.ReadBurst(Mfrc522Register.FifoLevel, Mfrc522Register.Error, Mfrc522Register.FifoData));
    }

    [Fact]
    public void AWrongCrcRaisesCrcErrAndErrIrq()
    {
        _spi.Write(Mfrc522Register.RxMode, 0x80);
        _channel.Reply(0x08, 0x12, 0x34);

        Send(lastBits: 0, 0x93, 0x70);

        Assert.Equal(0x04, _spi.Read(Mfrc522Register.Error));
        Assert.Equal(0x22, _spi.Read(Mfrc522Register.ComIrq) & 0x22);
    }

    [Fact]
    public void AFourBitAnswerWithRxCrcEnIsKeptWhole()
    {
        _spi.Write(Mfrc522Register.RxMode, 0x80);
        _channel.ReplyBits([0x0A], 4);

        Send(lastBits: 0, 0x30, 0x04);

        Assert.Equal(new byte[] { 1, 0x04, 0x14, 0x0A }, _spi.ReadBurst(Mfrc522Register.FifoLevel, Mfrc522Register.Error, Mfrc522Register.Control, Mfrc522Register.FifoData));
    }

    [Fact]
    public void RxAlignStoresTheFirstBitAtThatPositionAndRxLastBitsCountsFromBitZero()
    {
        // 13 bits sent after SEL and NVB; the card answers the remaining 27 bits of its UID and the BCC.
        _channel.ReplyBits([0xAB, 0xCD, 0xEF, 0x05], 27);

        SendAligned(5, 0x93, 0x35, 0x11, 0x02);

        var level = _spi.Read(Mfrc522Register.FifoLevel);
        var control = _spi.Read(Mfrc522Register.Control);
        Assert.Equal(4, level);
        Assert.Equal(0, control & 0x07);
        var stored = _spi.ReadBurst(Enumerable.Repeat(Mfrc522Register.FifoData, 4).ToArray());
        Assert.Equal(new byte[] { 0x60, 0xB5, 0xF9, 0xBD }, stored);
    }

    [Fact]
    public void ACollisionSetsCollErrAndCollPosCountedFromTheFirstUidBit()
    {
        _spi.Write(Mfrc522Register.Coll, 0x00);
        _channel.ReplyBits([0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 40, collisionBit: 9);

        Send(lastBits: 0, 0x93, 0x20);

        Assert.Equal(0x08, _spi.Read(Mfrc522Register.Error));
        Assert.Equal(10, _spi.Read(Mfrc522Register.Coll));
        var stored = _spi.ReadBurst(Enumerable.Repeat(Mfrc522Register.FifoData, 5).ToArray());
        Assert.Equal(new byte[] { 0xFF, 0x01, 0x00, 0x00, 0x00 }, stored);
    }

    [Fact]
    public void CollPosIncludesTheUidBitsTheReaderSentAfterSelAndNvb()
    {
        _spi.Write(Mfrc522Register.Coll, 0x00);
        _channel.ReplyBits([0xFF, 0xFF, 0xFF], 22, collisionBit: 3);

        SendAligned(2, 0x93, 0x42, 0x11, 0x22, 0x01);

        Assert.Equal(18 + 3 + 1, _spi.Read(Mfrc522Register.Coll));
    }

    [Fact]
    public void ValuesAfterCollKeepsTheBitsAfterTheCollision()
    {
        _channel.ReplyBits([0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 40, collisionBit: 9);

        Send(lastBits: 0, 0x93, 0x20);

        Assert.Equal(0x80 | 10, _spi.Read(Mfrc522Register.Coll));
        Assert.Equal(new byte[] { 0xFF, 0xFF }, _spi.ReadBurst(Mfrc522Register.FifoData, Mfrc522Register.FifoData));
    }

    [Fact]
    public void ACollisionBeyondBit32HasNoValidPosition()
    {
        _channel.ReplyBits([0xFF, 0xFF, 0xFF], 24, collisionBit: 20);

        Send(lastBits: 0, 0x93, 0x50, 0x11, 0x22);

        Assert.Equal(0x20, _spi.Read(Mfrc522Register.Coll) & 0x20);
    }

    [Fact]
    public void AnInjectedParityErrorShowsInErrorReg()
    {
        _chip.FailParityOfNextReception();
        _channel.Reply(0x04, 0x00);

        Send(lastBits: 7, 0x26);

        Assert.Equal(0x02, _spi.Read(Mfrc522Register.Error));
    }

    [Fact]
    public void AnAnswerLongerThanTheFifoOverflows()
    {
        _channel.Reply(new byte[70]);

        Send(lastBits: 0, 0x30, 0x00);

        Assert.Equal(64, _spi.Read(Mfrc522Register.FifoLevel));
        Assert.Equal(0x10, _spi.Read(Mfrc522Register.Error) & 0x10);
    }

    [Fact]
    public void SilenceRaisesTimerIrqAndTheReceiverListensForTheTimerPeriod()
    {
        _channel.Silence();

        Send(lastBits: 0, 0x50, 0x00);

        Assert.Equal(25_025, _channel.Timeouts[0]);
        Assert.Equal(0x41, _spi.Read(Mfrc522Register.ComIrq) & 0x61);
    }

    [Fact]
    public void WithAQuietChannelTheTimerIrqWaitsForItsInstant()
    {
        var chip = new Mfrc522Chip(new QuietChannel(_channel.Clock));
        var spi = new RawSpi(chip);
        spi.Write(Mfrc522Register.TMode, 0x80);
        spi.Write(Mfrc522Register.TPrescaler, 0xA9);
        spi.Write(Mfrc522Register.TReloadL, 39);
        spi.Write(Mfrc522Register.ComIrq, 0x7F);
        spi.Write(Mfrc522Register.FifoData, 0x50, 0x00);
        spi.Command(Mfrc522Command.Transceive);
        spi.Write(Mfrc522Register.BitFraming, 0x80);
        var frameEnds = _channel.Clock.MonotonicMicroseconds + ScriptedChannel.ReaderFrameMicroseconds(16);

        _channel.Clock.Advance(frameEnds + 1_000 - 10 - _channel.Clock.MonotonicMicroseconds);
        Assert.Equal(0x40, spi.Read(Mfrc522Register.ComIrq) & 0x41);
        _channel.Clock.Advance(10);
        Assert.Equal(0x41, spi.Read(Mfrc522Register.ComIrq) & 0x41);
    }

    [Fact]
    public void WritingIdleAbortsTheWaitSoNoTimerIrqFollows()
    {
        _channel.Silence();
        _spi.Write(Mfrc522Register.FifoData, 0x50, 0x00);
        _spi.Command(Mfrc522Command.Transceive);
        _spi.Write(Mfrc522Register.BitFraming, 0x80);
        _spi.Command(Mfrc522Command.Idle);
        _spi.Write(Mfrc522Register.ComIrq, 0x7F);

        _channel.Clock.Advance(50_000);

        Assert.Equal(0, _spi.Read(Mfrc522Register.ComIrq) & 0x11);
    }

    [Fact]
    public void TheReceiverOffHearsNothing()
    {
        _channel.Reply(0x04, 0x00);
        _spi.Write(Mfrc522Register.FifoData, 0x26);
        _spi.Write(Mfrc522Register.BitFraming, 0x07);
        _spi.Write(Mfrc522Register.Command, 0x20 | (byte)Mfrc522Command.Transceive);
        _spi.Write(Mfrc522Register.BitFraming, 0x87);

        _channel.Clock.Advance(25_000);

        Assert.Equal(0, _spi.Read(Mfrc522Register.FifoLevel));
        Assert.Equal(0x01, _spi.Read(Mfrc522Register.ComIrq) & 0x21);
    }

    [Fact]
    public void ACommandStartClearsTheErrors()
    {
        _spi.Write(Mfrc522Register.FifoData, new byte[65]);
        Assert.NotEqual(0, _spi.Read(Mfrc522Register.Error));

        _spi.Command(Mfrc522Command.CalcCrc);

        Assert.Equal(0, _spi.Read(Mfrc522Register.Error));
    }

    private void Send(int lastBits, params byte[] data) => Send(lastBits, rxAlign: 0, data);

    /// <summary>An anticollision frame: the answer continues the partial byte the reader sent.</summary>
    private void SendAligned(int bits, params byte[] data) => Send(bits, rxAlign: bits, data);

    private void Send(int lastBits, int rxAlign, byte[] data)
    {
        _spi.Write(Mfrc522Register.FifoData, data);
        _spi.Write(Mfrc522Register.BitFraming, (byte)(rxAlign << 4 | lastBits));
        _spi.Command(Mfrc522Command.Transceive);
        _spi.Write(Mfrc522Register.BitFraming, (byte)(0x80 | rxAlign << 4 | lastBits));
    }

    /// <summary>A channel that takes no air time at all, so the chip alone decides when events become visible.</summary>
    private sealed class QuietChannel(Terminal.Simulation.Timing.SimulatedClock clock) : Terminal.Simulation.Rf.IRfChannel
    {
        public Terminal.Simulation.Timing.SimulatedClock Clock => clock;

        public bool FieldOn { get; set; }

        public Terminal.Simulation.Rf.Reception? Exchange(Terminal.Simulation.Rf.ReaderFrame frame, int timeoutMicroseconds) => null;

        public bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4, int timeoutMicroseconds) => false;
    }
}
