using Xunit;
using Terminal.Drivers.Iso14443;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Timing;

namespace Terminal.Tests.Simulation;

/// <summary>Hand-built ISO 14443 frames sent straight into an <see cref="RfField"/>, as a reader chip would.</summary>
internal sealed class TestReader
{
    public const int TimeoutMicroseconds = 5000;

    public TestReader(params IVirtualCard[] cards)
    {
        Field = new RfField(Clock) { FieldOn = true };
        foreach (var card in cards)
        {
            Field.Enter(card);
        }
    }

    public SimulatedClock Clock { get; } = new();

    public RfField Field { get; }

    /// <summary>True after a successful authentication: frames then go out encrypted.</summary>
    public bool Crypto { get; set; }

    public static ReaderFrame ShortFrame(byte command) => new([command], 7, false);

    public static ReaderFrame Bits(byte[] data, int bitCount) => new(data, bitCount, false);

    public static ReaderFrame Crc(bool encrypted, params byte[] payload)
    {
        var data = new byte[payload.Length + 2];
        payload.CopyTo(data, 0);
        CrcA.Append(data, 0, payload.Length);
        return new ReaderFrame(data, data.Length * 8, encrypted);
    }

    public static byte Sel(int level) => (byte)(0x93 + 2 * level);

    public Reception? Send(ReaderFrame frame) => Field.Exchange(frame, TimeoutMicroseconds);

    public Reception? Wupa() => Send(ShortFrame(0x52));

    public Reception? Reqa() => Send(ShortFrame(0x26));

    public Reception? Command(params byte[] payload) => Send(Crc(Crypto, payload));

    public Reception? Anticollision(int level) => Send(Bits([Sel(level), 0x20], 16));

    public Reception? Select(int level, byte[] uidClnAndBcc) => Send(Crc(false, [Sel(level), 0x70, .. uidClnAndBcc]));

    public Reception? Halt() => Command(0x50, 0x00);

    /// <summary>WUPA, then <see cref="SelectCascade"/> with one card in the field.</summary>
    public byte Activate()
    {
        Assert.NotNull(Wupa());
        return SelectCascade();
    }

    /// <summary>Anticollision and SELECT at each cascade level of a READY card; the final SAK.</summary>
    public byte SelectCascade()
    {
        for (int level = 0; level < 3; level++)
        {
            var uidCln = Anticollision(level);
            Assert.NotNull(uidCln);
            Assert.Equal(-1, uidCln.CollisionBit);
            var sak = Select(level, uidCln.Data)!;
            Assert.NotNull(sak);
            Assert.True(CrcA.Check(sak.Data, 0, 3));
            if ((sak.Data[0] & 0x04) == 0)
            {
                return sak.Data[0];
            }
        }

        throw new InvalidOperationException("The card asked for a fourth cascade level.");
    }

    public bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4)
    {
        Crypto = Field.Authenticate(keyCommand, block, key, uid4, TimeoutMicroseconds);
        return Crypto;
    }

    public bool AuthenticateA(MifareClassicCard card, byte block, byte[]? key = null) =>
        Authenticate(0x60, block, key ?? Keys.Transport, card.CryptoUid);

    public bool AuthenticateB(MifareClassicCard card, byte block, byte[]? key = null) =>
        Authenticate(0x61, block, key ?? Keys.Transport, card.CryptoUid);

    /// <summary>READ's 16 data bytes after checking the CRC, or null on silence or NAK.</summary>
    public byte[]? Read(byte block)
    {
        var reply = Command(0x30, block);
        if (reply is null || reply.BitCount != 18 * 8)
        {
            return null;
        }

        Assert.True(CrcA.Check(reply.Data, 0, 18));
        return reply.Data[..16];
    }
}

internal static class Keys
{
    public static readonly byte[] Transport = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    public static readonly byte[] A = [0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5];

    public static readonly byte[] B = [0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5];
}

internal static class ReceptionAssert
{
    /// <summary>A 4-bit answer.</summary>
    public static void Nibble(byte expected, Reception? reply)
    {
        Assert.NotNull(reply);
        Assert.Equal(4, reply.BitCount);
        Assert.Equal(expected, reply.Data[0]);
    }
}
