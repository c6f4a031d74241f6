using Terminal.Simulation.Cards;
using Terminal.Simulation.Rf;
using Xunit;

namespace Terminal.Tests.Simulation;

/// <summary>Air time of frames and exchanges against the reference table (iso14443a-mifare.md, "Air-time model").</summary>
public sealed class AirTimeTests
{
    private static readonly double Guard = AirTime.ReaderGuardMicroseconds;

    /// <summary>
    /// The table assumes the longer frame delay (91.15 µs, reader's last bit 1); a frame ending in
    /// a 0 bit is answered 4.7 µs sooner.
    /// </summary>
    private static void AssertTable(double table, double actual, int frameDelays = 1) =>
        Assert.InRange(actual, table - 5 * frameDelays - 1, table + 1);

    [Theory]
    [InlineData(7, 94.4)]
    [InlineData(16, 198.2)]
    [InlineData(32, 368.1)]
    [InlineData(64, 707.96)]
    [InlineData(72, 792.9)]
    [InlineData(144, 1557.5)]
    public void ReaderFramesLastNinePlusThreeEtuPerByte(int bits, double microseconds) =>
        Assert.Equal(microseconds, AirTime.ReaderFrameMicroseconds(bits), 0.5);

    [Theory]
    [InlineData(4, 56.6)]
    [InlineData(16, 188.8)]
    [InlineData(24, 273.7)]
    [InlineData(32, 358.6)]
    [InlineData(40, 443.5)]
    [InlineData(144, 1548.1)]
    public void CardFramesLastNinePlusTwoEtuPerByte(int bits, double microseconds) =>
        Assert.Equal(microseconds, AirTime.CardFrameMicroseconds(bits), 0.5);

    [Fact]
    public void AnAnswerCompletingAPartialByteCarriesOneParityBitPerByteItEnds()
    {
        // 12 bits starting at bit 4: the rest of one byte, then a whole one: two parity bits.
        Assert.Equal((2 + 12 + 2) * AirTime.EtuMicroseconds, AirTime.CardFrameMicroseconds(12, 4), 6);
    }

    [Fact]
    public void FrameDelayDependsOnTheReadersLastBit()
    {
        // WUPA 0x52 ends on a 1, REQA 0x26 on a 0.
        Assert.Equal(91.15, AirTime.FrameDelayMicroseconds(TestReader.ShortFrame(0x52)), 2);
        Assert.Equal(86.43, AirTime.FrameDelayMicroseconds(TestReader.ShortFrame(0x26)), 2);
    }

    [Fact]
    public void WakeUpAndRequestExchangesMatchTheTable()
    {
        var reader = new TestReader(MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]));
        reader.Wupa();
        Assert.Equal(374.3, reader.Field.Statistics.AirTimeMicroseconds - Guard, 1.0);
        reader.Field.FieldOn = false;
        reader.Field.FieldOn = true;
        reader.Field.Statistics.Reset();
        reader.Reqa();
        Assert.Equal(369.6, reader.Field.Statistics.AirTimeMicroseconds - Guard, 1.0);
    }

    [Fact]
    public void IdentifyAndSelectOfAFourByteUidTakesAbout244Milliseconds()
    {
        var reader = new TestReader(MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]));
        reader.Activate();
        var stats = reader.Field.Statistics;
        Assert.Equal(3, stats.Frames);
        // Three exchanges and the two gaps between them.
        AssertTable(2440, stats.AirTimeMicroseconds - Guard, frameDelays: 3);
        Assert.Equal(stats.AirTimeMicroseconds, stats.MinimumAirTimeMicroseconds, 6);
    }

    [Fact]
    public void AnticollisionAndSelectExchangesMatchTheTable()
    {
        var reader = new TestReader(MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]));
        reader.Wupa();
        var stats = reader.Field.Statistics;
        stats.Reset();
        var uid = reader.Anticollision(0)!;
        AssertTable(733, stats.AirTimeMicroseconds - Guard);
        stats.Reset();
        reader.Select(0, uid.Data);
        AssertTable(1158, stats.AirTimeMicroseconds - Guard);
    }

    [Fact]
    public void AuthenticationAndReadMatchTheTable()
    {
        var card = MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Activate();
        var stats = reader.Field.Statistics;
        stats.Reset();
        Assert.True(reader.AuthenticateA(card, 4));
        Assert.Equal(2, stats.Frames);
        AssertTable(818 + 1158, stats.AirTimeMicroseconds - 2 * Guard, frameDelays: 2);

        stats.Reset();
        long before = reader.Clock.MonotonicMicroseconds;
        Assert.NotNull(reader.Read(4));
        AssertTable(2008, stats.AirTimeMicroseconds - Guard);
        Assert.Equal(stats.AirTimeMicroseconds, reader.Clock.MonotonicMicroseconds - before, 1.0);
        Assert.Equal(4, stats.ReaderBytes);
        Assert.Equal(18, stats.CardBytes);
    }

    [Fact]
    public void WriteAndTransferAnswersWaitForEepromProgramming()
    {
        var card = MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]);
        card.SetValueBlock(5, 100, 5);
        var reader = new TestReader(card);
        reader.Activate();
        reader.AuthenticateA(card, 4);
        var stats = reader.Field.Statistics;

        stats.Reset();
        reader.Command(0xA0, 4);
        AssertTable(516, stats.AirTimeMicroseconds - Guard);
        stats.Reset();
        reader.Command(new byte[16]);
        AssertTable(1558 + 91 + 57 + card.ProgrammingMicroseconds, stats.AirTimeMicroseconds - Guard);

        reader.Command(0xC0, 5);
        stats.Reset();
        Assert.Null(reader.Command(1, 0, 0, 0));
        Assert.Equal(538 + TestReader.TimeoutMicroseconds, stats.AirTimeMicroseconds - Guard, 1.0);
        Assert.Equal(538, stats.MinimumAirTimeMicroseconds - Guard, 1.0);

        stats.Reset();
        reader.Command(0xB0, 5);
        AssertTable(516 + card.ProgrammingMicroseconds, stats.AirTimeMicroseconds - Guard);
    }

    [Fact]
    public void HaltCostsItsTimeoutButOnlyOneMillisecondAtMinimum()
    {
        var reader = new TestReader(MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]));
        reader.Activate();
        var stats = reader.Field.Statistics;
        stats.Reset();
        long before = reader.Clock.MonotonicMicroseconds;
        Assert.Null(reader.Halt());
        Assert.Equal(368 + TestReader.TimeoutMicroseconds, stats.AirTimeMicroseconds - Guard, 1.0);
        Assert.Equal(1368, stats.MinimumAirTimeMicroseconds - Guard, 1.0);
        Assert.Equal(stats.AirTimeMicroseconds, reader.Clock.MonotonicMicroseconds - before, 1.0);
    }

    [Fact]
    public void StatisticsCountFramesBytesAndReset()
    {
        var reader = new TestReader(MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]));
        reader.Activate();
        var stats = reader.Field.Statistics;
        Assert.Equal(3, stats.Frames);
        Assert.Equal(1 + 2 + 9, stats.ReaderBytes);
        Assert.Equal(2 + 5 + 3, stats.CardBytes);
        stats.Reset();
        Assert.Equal(0, stats.Frames);
        Assert.Equal(0, stats.ReaderBytes);
        Assert.Equal(0, stats.CardBytes);
        Assert.Equal(0, stats.AirTimeMicroseconds);
        Assert.Equal(0, stats.MinimumAirTimeMicroseconds);
    }

    [Fact]
    public void AFieldWithoutCarrierAnswersNothingButTimeStillPasses()
    {
        var reader = new TestReader(MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]));
        reader.Field.FieldOn = false;
        long before = reader.Clock.MonotonicMicroseconds;
        Assert.Null(reader.Wupa());
        Assert.Equal(94.4 + TestReader.TimeoutMicroseconds + Guard, reader.Clock.MonotonicMicroseconds - before, 1.0);
    }

    [Fact]
    public void OneSectorFareTapNeedsAboutTwelveMillisecondsOnAirAtMinimum()
    {
        var card = MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]);
        card.SetValueBlock(5, 500, 5);
        var reader = new TestReader(card);
        var stats = reader.Field.Statistics;

        reader.Activate();
        Assert.True(reader.AuthenticateA(card, 4));
        Assert.NotNull(reader.Read(4));
        Assert.NotNull(reader.Read(5));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xC0, 5));
        Assert.Null(reader.Command(150, 0, 0, 0));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xB0, 5));
        Assert.Null(reader.Halt());

        Assert.Equal(11, stats.Frames);
        // Reference floor: ≈ 12 ms on air (our sum: 11.2 ms of exchanges + 11 guards) plus the card's programming.
        Assert.InRange(stats.MinimumAirTimeMicroseconds - card.ProgrammingMicroseconds, 12_000, 12_200);
        // Only the waits for silence exceed the minimum: HLTA's 1 ms and value part 2's none.
        Assert.Equal(TestReader.TimeoutMicroseconds - 1000 + TestReader.TimeoutMicroseconds,
            stats.AirTimeMicroseconds - stats.MinimumAirTimeMicroseconds, 3);
    }
}
