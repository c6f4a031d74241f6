namespace Terminal.Simulation.Cards;

/// <summary>
/// The access conditions of one MIFARE Classic sector: a 3-bit condition (C1 C2 C3, C1 the most
/// significant) for each data block group 0–2 and for the trailer (group 3). On the card they take
/// trailer bytes 6–8, each bit stored twice, once inverted (MF1 §8.7): byte 6 = ¬C2 ‖ ¬C1,
/// byte 7 = C1 ‖ ¬C3, byte 8 = C3 ‖ C2, each nibble's bit i belonging to group i.
/// </summary>
public readonly record struct AccessConditions(byte Group0, byte Group1, byte Group2, byte Trailer)
{
    /// <summary>Factory state: data blocks 000, trailer 001, stored as <c>FF 07 80</c>.</summary>
    public static AccessConditions Transport => new(0b000, 0b000, 0b000, 0b001);

    public byte ForGroup(int group) => group switch
    {
        0 => Group0,
        1 => Group1,
        2 => Group2,
        3 => Trailer,
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };

    public byte[] Encode()
    {
        int c1 = Nibble(2), c2 = Nibble(1), c3 = Nibble(0);
        return
        [
            (byte)((~c2 & 0xF) << 4 | (~c1 & 0xF)),
            (byte)(c1 << 4 | (~c3 & 0xF)),
            (byte)(c3 << 4 | c2),
        ];
    }

    /// <summary>False when the inverted copies disagree: such a sector is blocked for good.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out AccessConditions conditions)
    {
        conditions = default;
        if (bytes.Length < 3)
        {
            return false;
        }

        int c1 = bytes[1] >> 4, c2 = bytes[2] & 0xF, c3 = bytes[2] >> 4;
        if ((bytes[0] & 0xF) != (~c1 & 0xF) || bytes[0] >> 4 != (~c2 & 0xF) || (bytes[1] & 0xF) != (~c3 & 0xF))
        {
            return false;
        }

        byte Group(int g) => (byte)((c1 >> g & 1) << 2 | (c2 >> g & 1) << 1 | (c3 >> g & 1));
        conditions = new AccessConditions(Group(0), Group(1), Group(2), Group(3));
        return true;
    }

    /// <summary>Bit <paramref name="shift"/> (2 = C1, 1 = C2, 0 = C3) of every group, group i at bit i.</summary>
    private int Nibble(int shift)
    {
        int nibble = 0;
        for (int group = 0; group < 4; group++)
        {
            nibble |= (ForGroup(group) >> shift & 1) << group;
        }

        return nibble;
    }
}
