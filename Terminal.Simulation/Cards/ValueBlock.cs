using System.Buffers.Binary;

namespace Terminal.Simulation.Cards;

/// <summary>
/// The MIFARE Classic value block (MF1 §8.6.2.1): a signed 32-bit value stored three times
/// (plain, inverted, plain; little-endian) and an address byte four times (plain, inverted, plain, inverted).
/// </summary>
public static class ValueBlock
{
    public static byte[] Encode(int value, byte address)
    {
        var block = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(0), value);
        BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(4), ~value);
        BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(8), value);
        block[12] = address;
        block[13] = (byte)~address;
        block[14] = address;
        block[15] = (byte)~address;
        return block;
    }

    /// <summary>False when any copy disagrees, e.g. a block torn in the middle of a write.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> block, out int value, out byte address)
    {
        value = 0;
        address = 0;
        if (block.Length != 16)
        {
            return false;
        }

        int plain = BinaryPrimitives.ReadInt32LittleEndian(block);
        bool valid = BinaryPrimitives.ReadInt32LittleEndian(block[4..]) == ~plain
            && BinaryPrimitives.ReadInt32LittleEndian(block[8..]) == plain
            && block[14] == block[12] && block[13] == (byte)~block[12] && block[15] == block[13];
        if (valid)
        {
            value = plain;
            address = block[12];
        }

        return valid;
    }
}
