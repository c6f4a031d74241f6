using Terminal.Simulation.Cards;
using Xunit;

namespace Terminal.Tests.Simulation;

/// <summary>Ultralight and NTAG21x pages, writes, OTP and lock bits, frame by frame.</summary>
public sealed class UltralightCardTests
{
    private static readonly byte[] Uid7 = [0x04, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56];

    public static TheoryData<string, int> Types => new()
    {
        { "MIFARE Ultralight", 16 },
        { "NTAG213", 45 },
        { "NTAG215", 135 },
        { "NTAG216", 231 },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void UidPagesCarryBothCheckBytes(string name, int pages)
    {
        var card = new UltralightCard(Uid7, TypeNamed(name));
        Assert.Equal(pages, card.Type.Pages);
        Assert.Equal(new byte[] { 0x04, 0x51, 0x52, 0x88 ^ 0x04 ^ 0x51 ^ 0x52 }, card.ReadPage(0));
        Assert.Equal(new byte[] { 0x53, 0x54, 0x55, 0x56 }, card.ReadPage(1));
        Assert.Equal(0x53 ^ 0x54 ^ 0x55 ^ 0x56, card.ReadPage(2)[0]);
    }

    [Fact]
    public void ReadReturnsFourPagesAndTheUidMatchesTheActivation()
    {
        var (card, reader) = Selected(UltralightType.Ultralight);
        var data = reader.Read(0)!;
        Assert.Equal(card.ReadPage(0), data[..4]);
        Assert.Equal(card.ReadPage(3), data[12..]);
        Assert.Equal(PiccUid.CascadeLevels(Uid7)[0][1..], data[..4]);
    }

    [Fact]
    public void UltralightReadRollsOverToPageZero()
    {
        var (card, reader) = Selected(UltralightType.Ultralight);
        card.WritePage(15, [1, 2, 3, 4]);
        var data = reader.Read(15)!;
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, data[..4]);
        Assert.Equal(card.ReadPage(0), data[4..8]);
    }

    [Fact]
    public void ReadStartingPastTheLastPageIsRefused()
    {
        var (card, reader) = Selected(UltralightType.Ntag213);
        Assert.NotNull(reader.Read(44));
        ReceptionAssert.Nibble(0x00, reader.Command(0x30, 45));
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void NtagPasswordReadsAsZeros()
    {
        var (card, reader) = Selected(UltralightType.Ntag213);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, card.ReadPage(43));
        var data = reader.Read(41)!;
        Assert.Equal(new byte[] { 0x04, 0x00, 0x00, 0xFF }, data[..4]);
        Assert.Equal(new byte[8], data[8..]);
    }

    [Fact]
    public void NtagHasItsCapabilityContainerInPage3()
    {
        Assert.Equal(new byte[] { 0xE1, 0x10, 0x3E, 0x00 }, new UltralightCard(Uid7, UltralightType.Ntag215).ReadPage(3));
    }

    [Fact]
    public void WriteStoresAPageAndAcknowledgesAfterProgramming()
    {
        var (card, reader) = Selected(UltralightType.Ntag216);
        var stats = reader.Field.Statistics;
        stats.Reset();
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA2, 200, 9, 8, 7, 6));
        Assert.Equal(new byte[] { 9, 8, 7, 6 }, card.ReadPage(200));
        Assert.True(stats.AirTimeMicroseconds > card.ProgrammingMicroseconds + 708);
    }

    [Fact]
    public void CompatibilityWriteStoresTheFirstFourOfSixteenBytes()
    {
        var (card, reader) = Selected(UltralightType.Ultralight);
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA0, 5));
        ReceptionAssert.Nibble(0x0A, reader.Command([.. Enumerable.Range(1, 16).Select(i => (byte)i)]));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, card.ReadPage(5));
        Assert.Equal(new byte[4], card.ReadPage(6));
    }

    [Fact]
    public void UidPagesAndPagesPastTheEndAreNotWritable()
    {
        var (card, reader) = Selected(UltralightType.Ultralight);
        ReceptionAssert.Nibble(0x00, reader.Command(0xA2, 1, 0, 0, 0, 0));
        reader = Selected(card, reader);
        ReceptionAssert.Nibble(0x00, reader.Command(0xA2, 16, 0, 0, 0, 0));
        Assert.Equal(new byte[] { 0x53, 0x54, 0x55, 0x56 }, card.ReadPage(1));
    }

    [Fact]
    public void OtpPageOnlyEverGainsBits()
    {
        var (card, reader) = Selected(UltralightType.Ultralight);
        reader.Command(0xA2, 3, 0x0F, 0x00, 0x01, 0x80);
        reader.Command(0xA2, 3, 0xF0, 0x00, 0x00, 0x00);
        Assert.Equal(new byte[] { 0xFF, 0x00, 0x01, 0x80 }, card.ReadPage(3));
    }

    [Fact]
    public void StaticLockBitsMakePagesReadOnly()
    {
        var (card, reader) = Selected(UltralightType.Ultralight);
        // L4 (lock0 bit 4) and L10 (lock1 bit 2); bytes 0–1 of page 2 are not writable and ignored.
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA2, 2, 0xAA, 0xAA, 0x10, 0x04));
        Assert.Equal(new byte[] { 0x53 ^ 0x54 ^ 0x55 ^ 0x56, 0x48, 0x10, 0x04 }, card.ReadPage(2));
        Assert.True(card.IsLocked(4));
        Assert.True(card.IsLocked(10));
        Assert.False(card.IsLocked(5));

        ReceptionAssert.Nibble(0x00, reader.Command(0xA2, 4, 1, 1, 1, 1));
        reader = Selected(card, reader);
        ReceptionAssert.Nibble(0x00, reader.Command(0xA0, 10));
        reader = Selected(card, reader);
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA2, 5, 1, 1, 1, 1));
        Assert.Equal(new byte[4], card.ReadPage(4));
    }

    [Fact]
    public void LockBitsCannotBeClearedAndBlockLockingFreezesThem()
    {
        var (card, reader) = Selected(UltralightType.Ultralight);
        // BL 15-10 (lock0 bit 2) first: afterwards L10–L15 cannot be set any more, L8–L9 still can.
        reader.Command(0xA2, 2, 0, 0, 0x04, 0x00);
        reader.Command(0xA2, 2, 0, 0, 0x00, 0xFF);
        Assert.Equal(new byte[] { 0x04, 0x03 }, card.ReadPage(2)[2..]);
        Assert.False(card.IsLocked(12));
        Assert.True(card.IsLocked(9));
    }

    [Fact]
    public void LockedOtpPageRefusesWrites()
    {
        var (card, reader) = Selected(UltralightType.Ultralight);
        reader.Command(0xA2, 2, 0, 0, 0x08, 0x00);
        ReceptionAssert.Nibble(0x00, reader.Command(0xA2, 3, 1, 0, 0, 0));
        Assert.Equal(new byte[4], card.ReadPage(3));
    }

    [Fact]
    public void BadCrcGetsTheCrcNak()
    {
        var (_, reader) = Selected(UltralightType.Ultralight);
        var write = TestReader.Crc(false, 0xA2, 5, 1, 2, 3, 4);
        write.Data[7] ^= 0x01;
        ReceptionAssert.Nibble(0x01, reader.Send(write));
    }

    [Fact]
    public void EncryptedFramesAreNoiseAndAuthenticationFails()
    {
        var (card, reader) = Selected(UltralightType.Ntag213);
        Assert.False(reader.Authenticate(0x60, 4, Keys.Transport, Uid7[3..]));
        Assert.Equal(CardState.Idle, card.State);
        reader = Selected(card, reader);
        reader.Crypto = true;
        Assert.Null(reader.Command(0x30, 4));
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void SnapshotAndRestoreBringThePagesBack()
    {
        var (card, reader) = Selected(UltralightType.Ultralight);
        var image = card.Snapshot();
        reader.Command(0xA2, 2, 0, 0, 0xFF, 0xFF);
        Assert.True(card.IsLocked(15));
        card.Restore(image);
        Assert.False(card.IsLocked(15));
    }

    [Fact]
    public void OnlySevenByteUidsAreAccepted() =>
        Assert.Throws<ArgumentException>(() => new UltralightCard([0x01, 0x02, 0x03, 0x04], UltralightType.Ultralight));

    private static UltralightType TypeNamed(string name) =>
        new[] { UltralightType.Ultralight, UltralightType.Ntag213, UltralightType.Ntag215, UltralightType.Ntag216 }.Single(t => t.Name == name);

    private static (UltralightCard Card, TestReader Reader) Selected(UltralightType type)
    {
        var card = new UltralightCard(Uid7, type);
        return (card, Selected(card, new TestReader(card)));
    }

    private static TestReader Selected(UltralightCard card, TestReader reader)
    {
        reader.Crypto = false;
        reader.Field.FieldOn = false;
        reader.Field.FieldOn = true;
        Assert.Equal(0x00, reader.Activate());
        return reader;
    }
}
