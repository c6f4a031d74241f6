namespace Terminal.Simulation.Cards;

/// <summary>
/// UIDs and their cascade levels. A 4-byte UID fits cascade level 1; 7 and 10-byte UIDs start
/// each level but the last with the cascade tag 0x88 and three UID bytes. Every level is sent
/// as four bytes followed by their XOR (BCC).
/// </summary>
public static class PiccUid
{
    public const byte CascadeTag = 0x88;

    /// <summary>NXP's manufacturer code, the first byte of its 7-byte UIDs.</summary>
    public const byte NxpManufacturer = 0x04;

    public static void Validate(byte[] uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        if (uid.Length is not (4 or 7 or 10))
        {
            throw new ArgumentException($"A UID has 4, 7 or 10 bytes, not {uid.Length}.", nameof(uid));
        }

        if (uid[0] == CascadeTag)
        {
            throw new ArgumentException("A UID cannot start with the cascade tag 0x88.", nameof(uid));
        }
    }

    /// <summary>ATQA bits 8..7: 0 for a 4-byte, 1 for a 7-byte, 2 for a 10-byte UID.</summary>
    public static int SizeCode(byte[] uid) => uid.Length switch { 4 => 0, 7 => 1, _ => 2 };

    /// <summary>The five bytes (UID CLn + BCC) the card answers at each cascade level.</summary>
    public static byte[][] CascadeLevels(byte[] uid)
    {
        Validate(uid);
        var levels = new List<byte[]>();
        int offset = 0;
        while (uid.Length - offset > 4)
        {
            levels.Add(WithBcc(CascadeTag, uid[offset], uid[offset + 1], uid[offset + 2]));
            offset += 3;
        }

        levels.Add(WithBcc(uid[offset], uid[offset + 1], uid[offset + 2], uid[offset + 3]));
        return [.. levels];
    }

    public static byte Bcc(byte b0, byte b1, byte b2, byte b3) => (byte)(b0 ^ b1 ^ b2 ^ b3);

    /// <summary>A UID of <paramref name="length"/> bytes drawn from <paramref name="random"/>; 7 and 10-byte ones carry NXP's code.</summary>
    public static byte[] Random(int length, Random random)
    {
        var uid = new byte[length];
        random.NextBytes(uid);
        uid[0] = length == 4 ? (byte)(uid[0] == CascadeTag ? 0x89 : uid[0]) : NxpManufacturer;
        Validate(uid);
        return uid;
    }

    /// <summary>A UID whose bytes are <paramref name="first"/>, <paramref name="first"/>+1, …: readable in test failures.</summary>
    public static byte[] Sequential(int length, byte first)
    {
        var uid = new byte[length];
        for (int i = 0; i < length; i++)
        {
            uid[i] = (byte)(first + i);
        }

        Validate(uid);
        return uid;
    }

    private static byte[] WithBcc(byte b0, byte b1, byte b2, byte b3) => [b0, b1, b2, b3, Bcc(b0, b1, b2, b3)];
}
