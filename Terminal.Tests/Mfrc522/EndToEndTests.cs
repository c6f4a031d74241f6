using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Simulation.Mfrc522;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Timing;
using Xunit;
using Xunit.Abstractions;
using ClassicCard = Terminal.Simulation.Cards.MifareClassicCard;
using ValueBlock = Terminal.Simulation.Cards.ValueBlock;
using Pcd = Terminal.Drivers.Mfrc522.Mfrc522;

namespace Terminal.Tests.Mfrc522;

/// <summary>
/// The driver, the chip model, the RF field and real virtual cards together: frames built by hand
/// with <see cref="PcdExchange"/>, then the ISO 14443A and MIFARE layers on top.
/// </summary>
public sealed class EndToEndTests
{
    private static readonly byte[] Uid = [0x12, 0x34, 0x56, 0x78];
    private static readonly byte[] TransportKey = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private readonly ITestOutputHelper _output;
    private readonly SimulatedClock _clock = new();
    private readonly RfField _field;
    private readonly Mfrc522Chip _chip;
    private readonly Pcd _pcd;
    private readonly PcdExchange _x = new();

    public EndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _field = new RfField(_clock);
        _chip = new Mfrc522Chip(_field);
        _pcd = new Pcd(_chip, _clock);
        Assert.Equal(ReaderStatus.Ok, _pcd.Init());
    }

    [Fact]
    public void ReqaAnticollisionAndSelectByHand()
    {
        var card = ClassicCard.OneK(Uid);
        _field.Enter(card);

        Assert.Equal(ReaderStatus.Ok, Request(0x26));
        Assert.Equal(new byte[] { 0x04, 0x00 }, _x.Rx[..2]);

        Assert.Equal(ReaderStatus.Ok, Anticollision());
        Assert.Equal(5, _x.RxLength);
        Assert.Equal([.. Uid, Bcc(Uid)], _x.Rx[..5]);

        Assert.Equal(ReaderStatus.Ok, Select(Uid));
        Assert.Equal((1, 0x08), (_x.RxLength, _x.Rx[0]));
        Assert.True(card.IsActive);
    }

    [Fact]
    public void AuthenticateReadHaltAndWakeUpByHand()
    {
        var card = ClassicCard.OneK(Uid);
        var data = Enumerable.Range(0xA0, 16).Select(i => (byte)i).ToArray();
        card.WriteBlock(5, data);
        _field.Enter(card);
        Activate();

        Assert.Equal(ReaderStatus.Ok, _pcd.Authenticate(0x60, 5, TransportKey, 0, Uid, 0));
        _x.Start(2, true, true, 5_000);
        _x.Tx[0] = 0x30;
        _x.Tx[1] = 5;
        Assert.Equal(ReaderStatus.Ok, _pcd.Transceive(_x));
        Assert.Equal(data, _x.Rx[..16]);

        _x.Start(2, true, false, 1_000);
        _x.Tx[0] = 0x50;
        _x.Tx[1] = 0x00;
        Assert.Equal(ReaderStatus.Timeout, _pcd.Transceive(_x));
        _pcd.StopCrypto1();

        Assert.Equal(ReaderStatus.Timeout, Request(0x26));
        Assert.Equal(ReaderStatus.Ok, Request(0x52));
    }

    [Fact]
    public void AWrongKeyFailsAndTheCardMustBeSelectedAgain()
    {
        _field.Enter(ClassicCard.OneK(Uid));
        Activate();

        Assert.Equal(ReaderStatus.AuthFailed, _pcd.Authenticate(0x60, 5, new byte[6], 0, Uid, 0));

        Activate();
        Assert.Equal(ReaderStatus.Ok, _pcd.Authenticate(0x60, 5, TransportKey, 0, Uid, 0));
    }

    [Fact]
    public void TwoCardsCollideAtTheirFirstDifferingUidBit()
    {
        byte[] other = [0x12, 0x34, 0x5E, 0x78];
        _field.Enter(ClassicCard.OneK(Uid));
        _field.Enter(ClassicCard.OneK(other));
        Request(0x26);

        Assert.Equal(ReaderStatus.Collision, Anticollision());

        // 0x56 vs 0x5E: bit 3 of byte 2.
        Assert.Equal(19, _x.CollisionBit);
        Assert.Equal(new byte[] { 0x12, 0x34 }, _x.Rx[..2]);
    }

    [Fact]
    public void TheIsoLayerSeparatesTwoCardsThroughTheChipsCollisionPositions()
    {
        byte[] other = [0x12, 0x35, 0x56, 0x78];
        _field.Enter(ClassicCard.OneK(Uid));
        _field.Enter(ClassicCard.OneK(other));
        var reader = new Iso14443aReader(_pcd);
        var cards = new[] { new SelectedCard(), new SelectedCard(), new SelectedCard() };

        Assert.Equal(ReaderStatus.Ok, reader.SelectAll(cards, out var count));

        Assert.Equal(2, count);
        var found = cards.Take(count).Select(c => Convert.ToHexString(c.Uid.Bytes, 0, c.Uid.Length)).Order().ToArray();
        Assert.Equal(new[] { Convert.ToHexString(Uid), Convert.ToHexString(other) }.Order().ToArray(), found);
    }

    [Fact]
    public void ASevenByteUidNeedsTwoCascadeLevels()
    {
        byte[] uid = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];
        _field.Enter(ClassicCard.OneK(uid));
        var reader = new Iso14443aReader(_pcd);
        var card = new SelectedCard();

        Assert.Equal(ReaderStatus.Ok, reader.DetectCard(card));

        Assert.Equal(uid, card.Uid.Bytes[..card.Uid.Length]);
    }

    [Fact]
    public void ACardThatLeavesIsSilence()
    {
        var card = ClassicCard.OneK(Uid);
        _field.Enter(card);
        Activate();
        _field.Remove(card);

        _x.Start(2, true, true, 5_000);
        _x.Tx[0] = 0x30;
        _x.Tx[1] = 4;
        Assert.Equal(ReaderStatus.Timeout, _pcd.Transceive(_x));
    }

    [Fact]
    public void AFareTapCostsItsAirTimeAndTheSpiBytesAndNothingElse()
    {
        var card = ValueCard();
        _field.Enter(card);
        var spiBefore = _chip.Statistics;
        var start = _clock.MonotonicMicroseconds;

        FareTap(_pcd);

        var elapsed = _clock.MonotonicMicroseconds - start;
        var spi = _chip.Statistics - spiBefore;
        var air = _field.Statistics.AirTimeMicroseconds;
        _output.WriteLine($"fare tap: {elapsed} µs simulated = air {air:F0} µs + SPI {spi.Microseconds} µs ({spi.Transactions} transactions, {spi.Bytes} bytes at 5 MHz)");
        Assert.Equal(ValueBlock.Encode(70, 5), card.ReadBlock(5));

        // The silent HLTA and DEC part 2 cost their 1 ms each, no fixed 25 ms timer, and no poll waited.
        Assert.InRange(elapsed - spi.Microseconds, (long)air - 2, (long)air + 2);
    }

    [Fact]
    public void AFixedTwentyFiveMillisecondTimerWouldCostTheSameTapTwoSilences()
    {
        _field.Enter(ValueCard());
        var perExchange = _clock.MonotonicMicroseconds;
        FareTap(_pcd);
        perExchange = _clock.MonotonicMicroseconds - perExchange;

        var other = new EndToEndTests(_output);
        other._field.Enter(ValueCard());
        var fixedTimer = other._clock.MonotonicMicroseconds;
        FareTap(new FixedTimeoutPcd(other._pcd, 25_025));
        fixedTimer = other._clock.MonotonicMicroseconds - fixedTimer;

        _output.WriteLine($"fare tap: {perExchange} µs with per-exchange timeouts, {fixedTimer} µs with the Arduino library's fixed 25 ms timer");
        Assert.InRange(fixedTimer - perExchange, 2 * 24_025 - 50, 2 * 24_025 + 50);
    }

    private static ClassicCard ValueCard()
    {
        var card = ClassicCard.OneK(Uid);
        card.SetValueBlock(5, 100, 5);
        return card;
    }

    /// <summary>WUPA, select, authenticate, read two blocks, decrement and transfer 30, HLTA.</summary>
    private static void FareTap(IPcd pcd)
    {
        var reader = new Iso14443aReader(pcd);
        var classic = new MifareClassic(pcd);
        var selected = new SelectedCard();
        var block = new byte[16];
        Assert.Equal(ReaderStatus.Ok, reader.DetectCard(selected));
        Assert.Equal(ReaderStatus.Ok, classic.Authenticate(MifareKeyType.A, 4, TransportKey, 0, selected.Uid));
        Assert.Equal(ReaderStatus.Ok, classic.ReadBlock(4, block, 0));
        Assert.Equal(ReaderStatus.Ok, classic.ReadBlock(5, block, 0));
        Assert.Equal(ReaderStatus.Ok, classic.Decrement(5, 30));
        Assert.Equal(ReaderStatus.Ok, classic.Transfer(5));
        Assert.Equal(ReaderStatus.Ok, reader.HaltA());
    }

    private void Activate()
    {
        Assert.Equal(ReaderStatus.Ok, Request(0x52));
        Assert.Equal(ReaderStatus.Ok, Anticollision());
        Assert.Equal(ReaderStatus.Ok, Select(Uid));
    }

    private ReaderStatus Request(byte command)
    {
        _x.Start(1, false, false, 1_000);
        _x.Tx[0] = command;
        _x.TxLastBits = 7;
        return _pcd.Transceive(_x);
    }

    private ReaderStatus Anticollision()
    {
        _x.Start(2, false, false, 1_000);
        _x.Tx[0] = 0x93;
        _x.Tx[1] = 0x20;
        return _pcd.Transceive(_x);
    }

    private ReaderStatus Select(byte[] uid)
    {
        _x.Start(7, true, true, 1_000);
        _x.Tx[0] = 0x93;
        _x.Tx[1] = 0x70;
        uid.CopyTo(_x.Tx, 2);
        _x.Tx[6] = Bcc(uid);
        return _pcd.Transceive(_x);
    }

    private static byte Bcc(byte[] uid) => (byte)(uid[0] ^ uid[1] ^ uid[2] ^ uid[3]);

    /// <summary>A reader that ignores each exchange's timeout and waits a fixed time, as the Arduino library does.</summary>
    private sealed class FixedTimeoutPcd(IPcd inner, int timeoutMicroseconds) : IPcd
    {
        public ReaderStatus Transceive(PcdExchange exchange)
        {
            exchange.TimeoutMicroseconds = timeoutMicroseconds;
            return inner.Transceive(exchange);
        }

        public ReaderStatus Authenticate(byte keyCommand, byte block, byte[] key, int keyOffset, byte[] uid, int uidOffset) =>
            inner.Authenticate(keyCommand, block, key, keyOffset, uid, uidOffset);

        public void StopCrypto1() => inner.StopCrypto1();
    }
}
