using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;
using Terminal.Simulation.Mfrc522;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>Transceive through the chip model: every outcome, the chip left at rest, and what it costs on the bus.</summary>
public sealed class DriverTransceiveTests
{
    private readonly DriverFixture _f = new();
    private readonly PcdExchange _x = new();

    public DriverTransceiveTests()
    {
        Assert.Equal(ReaderStatus.Ok, _f.Driver.Init());
    }

    [Fact]
    public void ReqaGetsTheAtqa()
    {
        _f.Channel.Reply(0x04, 0x00);

        Assert.Equal(ReaderStatus.Ok, Reqa());

        Assert.Equal((2, 0), (_x.RxLength, _x.RxLastBits));
        Assert.Equal(new byte[] { 0x04, 0x00 }, _x.Rx[..2]);
        Assert.Equal(-1, _x.CollisionBit);
        Assert.Equal(7, _f.Channel.Frames[0].BitCount);
        Assert.True(_f.ChipAtRest());
    }

    [Fact]
    public void TheChipAddsAndChecksTheCrc()
    {
        _f.Channel.ReplyWithCrc([.. Enumerable.Range(0, 16).Select(i => (byte)i)]);
        _x.Start(2, true, true, 5_000);
        _x.Tx[0] = 0x30;
        _x.Tx[1] = 0x04;

        Assert.Equal(ReaderStatus.Ok, _f.Driver.Transceive(_x));

        Assert.Equal(new byte[] { 0x30, 0x04, 0x26, 0xEE }, _f.Channel.Frames[0].Data);
        Assert.Equal(16, _x.RxLength);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)i), _x.Rx[..16]);
    }

    [Fact]
    public void SilenceIsATimeoutThatCostsOnlyItsOwnTimeout()
    {
        _f.Channel.Silence();
        _x.Start(2, true, false, 1_000);
        _x.Tx[0] = 0x50;
        var before = _f.Channel.Clock.MonotonicMicroseconds;

        Assert.Equal(ReaderStatus.Timeout, _f.Driver.Transceive(_x));

        // HLTA frame (368 µs) + 1 ms + SPI, not the 25 ms of a fixed timer.
        Assert.InRange(_f.Channel.Clock.MonotonicMicroseconds - before, 1_368, 1_500);
        Assert.Equal(1_000, _f.Channel.Timeouts[0]);
        Assert.True(_f.ChipAtRest());
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(1_000, 1_000)]
    [InlineData(1_001, 1_025)]
    [InlineData(25_000, 25_000)]
    public void EachExchangeProgramsItsTimeoutIntoTheTimer(int timeout, int programmed)
    {
        _f.Channel.Silence();
        _x.Start(1, false, false, timeout);

        _f.Driver.Transceive(_x);

        Assert.Equal(programmed, _f.Channel.Timeouts[0]);
    }

    [Fact]
    public void AWrongCrcIsACrcError()
    {
        _f.Channel.Reply(0x08, 0x00, 0x00);
        _x.Start(2, true, true, 1_000);

        Assert.Equal(ReaderStatus.CrcError, _f.Driver.Transceive(_x));
        Assert.True(_f.ChipAtRest());
    }

    [Fact]
    public void AParityErrorIsACrcError()
    {
        _f.Chip.FailParityOfNextReception();
        _f.Channel.Reply(0x04, 0x00);

        Assert.Equal(ReaderStatus.CrcError, Reqa());
        Assert.True(_f.ChipAtRest());
    }

    [Fact]
    public void AFourBitAckIsDeliveredWholeEvenWithRxCrc()
    {
        _f.Channel.ReplyBits([0x0A], 4);
        _x.Start(2, true, true, 5_000);

        Assert.Equal(ReaderStatus.Ok, _f.Driver.Transceive(_x));

        Assert.Equal((1, 4, 0x0A), (_x.RxLength, _x.RxLastBits, _x.Rx[0] & 0x0F));
    }

    [Fact]
    public void ACollisionReportsTheFirstCollidedBitAndTheBitsBeforeIt()
    {
        _f.Channel.ReplyBits([0x5F, 0xFF, 0xFF, 0xFF, 0xFF], 40, collisionBit: 9);
        _x.Start(2, false, false, 1_000);
        _x.Tx[0] = 0x93;
        _x.Tx[1] = 0x20;

        Assert.Equal(ReaderStatus.Collision, _f.Driver.Transceive(_x));

        Assert.Equal(9, _x.CollisionBit);
        Assert.Equal(5, _x.RxLength);
        Assert.Equal(new byte[] { 0x5F, 0x01, 0x00 }, _x.Rx[..3]);
        Assert.True(_f.ChipAtRest());
    }

    [Fact]
    public void ACollisionAfterKnownBitsCountsFromBitZeroOfRxIncludingRxAlign()
    {
        // 13 UID bits known: SEL, NVB 0x35, one whole byte and 5 bits; the answer starts at bit 5 of Rx[0].
        _f.Channel.ReplyBits([0xFF, 0xFF, 0xFF, 0x07], 27, collisionBit: 6);
        _x.Start(4, false, false, 1_000);
        _x.Tx[0] = 0x93;
        _x.Tx[1] = 0x35;
        _x.Tx[2] = 0x12;
        _x.Tx[3] = 0x15;
        _x.TxLastBits = 5;
        _x.RxAlign = 5;
        _x.Rx[0] = 0x15;

        Assert.Equal(ReaderStatus.Collision, _f.Driver.Transceive(_x));

        Assert.Equal(5 + 6, _x.CollisionBit);
        Assert.Equal(0x15 | 0xE0, _x.Rx[0]);
        Assert.Equal(0x07, _x.Rx[1]);
    }

    [Fact]
    public void ACollisionWithoutAValidPositionHasNoCollisionBit()
    {
        _f.Channel.ReplyBits([0xFF, 0xFF, 0xFF], 24, collisionBit: 20);
        _x.Start(4, false, false, 1_000);
        _x.Tx[0] = 0x93;
        _x.Tx[1] = 0x40;

        Assert.Equal(ReaderStatus.Collision, _f.Driver.Transceive(_x));
        Assert.Equal(-1, _x.CollisionBit);
    }

    [Fact]
    public void AnAnswerThatOverflowsTheFifoIsAProtocolErrorAndTheFifoIsFlushed()
    {
        _f.Channel.Reply(new byte[70]);
        _x.Start(2, false, false, 5_000);

        Assert.Equal(ReaderStatus.ProtocolError, _f.Driver.Transceive(_x));
        Assert.True(_f.ChipAtRest());
    }

    [Fact]
    public void AFailedExchangeLeavesTheChipReadyForTheNext()
    {
        _f.Channel.Silence();
        _f.Channel.Reply(new byte[70]);
        _f.Channel.Reply(0x44, 0x00);

        Assert.Equal(ReaderStatus.Timeout, Reqa());
        Assert.Equal(ReaderStatus.ProtocolError, Reqa());
        Assert.Equal(ReaderStatus.Ok, Reqa());
        Assert.Equal(0x44, _x.Rx[0]);
    }

    [Theory]
    [InlineData(0, 0, 0, 1_000)]
    [InlineData(65, 0, 0, 1_000)]
    [InlineData(1, 8, 0, 1_000)]
    [InlineData(1, 0, 8, 1_000)]
    [InlineData(1, 0, 0, 0)]
    [InlineData(1, 0, 0, 2_000_000)]
    public void AMalformedExchangeIsRefused(int txLength, int txLastBits, int rxAlign, int timeout)
    {
        _x.Start(txLength, false, false, timeout);
        _x.TxLastBits = txLastBits;
        _x.RxAlign = rxAlign;

        Assert.Throws<ArgumentException>(() => _f.Driver.Transceive(_x));
        Assert.Empty(_f.Channel.Frames);
    }

    [Fact]
    public void AnExchangeCostsFourSetupTransactionsOnePollOneFifoReadAndTwoToRest()
    {
        _f.Channel.Reply(0x04, 0x00);
        _f.Channel.Reply(0x04, 0x00);
        var start = _f.Chip.Statistics;
        Reqa();
        var first = _f.Chip.Statistics - start;
        Reqa();
        var second = _f.Chip.Statistics - start - first;

        // The first also programs TReloadL; the timer and CRC settings are cached after that.
        Assert.Equal(9, first.Transactions);
        Assert.Equal(8, second.Transactions);
        Assert.Equal(2 + 2 + 2 + 2 + 6 + 3 + 2 + 2, second.Bytes);
    }

    [Fact]
    public void ATimedOutExchangeNeedsNoFlush()
    {
        _f.Channel.Silence();
        _f.Channel.Silence();
        Reqa();
        var start = _f.Chip.Statistics;

        Reqa();

        Assert.Equal(7, (_f.Chip.Statistics - start).Transactions);
    }

    [Fact]
    public void AChipThatStopsAnsweringIsAChipErrorWithinTheTimeoutAndAMargin()
    {
        var unpluggable = new UnpluggableSpi(_f.Chip);
        var driver = new Terminal.Drivers.Mfrc522.Mfrc522(unpluggable, _f.Channel.Clock);
        Assert.Equal(ReaderStatus.Ok, driver.Init());
        unpluggable.Unplugged = true;
        _x.Start(1, false, false, 1_000);
        var before = _f.Channel.Clock.MonotonicMicroseconds;

        Assert.Equal(ReaderStatus.ChipError, driver.Transceive(_x));

        Assert.InRange(_f.Channel.Clock.MonotonicMicroseconds - before, 21_000, 22_000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(50)]
    public void WhileTheFrameIsOnTheAirTheDriverKeepsPolling(int interval)
    {
        _f.Channel.TakesAirTime = false;
        _f.Driver.PollIntervalMicroseconds = interval;
        _f.Channel.Reply(0x04, 0x00);
        var before = _f.Channel.Clock.MonotonicMicroseconds;
        var start = _f.Chip.Statistics;

        Assert.Equal(ReaderStatus.Ok, Reqa());

        // The answer shows when the 10-etu REQA (95 µs) has gone out; the driver sees it within one interval.
        var elapsed = _f.Channel.Clock.MonotonicMicroseconds - before;
        Assert.InRange(elapsed, 95, 95 + interval + 40);
        Assert.True((_f.Chip.Statistics - start).Transactions > 9);
    }

    [Fact]
    public void ANegativePollIntervalIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _f.Driver.PollIntervalMicroseconds = -1);
    }

    private ReaderStatus Reqa()
    {
        _x.Start(1, false, false, 1_000);
        _x.Tx[0] = 0x26;
        _x.TxLastBits = 7;
        return _f.Driver.Transceive(_x);
    }
}
