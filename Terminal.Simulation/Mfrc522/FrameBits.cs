using Terminal.Drivers.Iso14443;

namespace Terminal.Simulation.Mfrc522;

/// <summary>
/// Bit-level framing between the FIFO and the air at 106 kbit/s: the reader frame built from FIFO
/// bytes (TxLastBits, TxCRCEn), the received bits stored at RxAlign, and frame air time.
/// </summary>
internal static class FrameBits
{
    /// <summary>
    /// The frame Transceive sends: all bits of the FIFO bytes except the unused high bits of the last one
    /// (TxLastBits, 0 = all 8), then CRC_A over the bytes when TxCRCEn is set.
    /// </summary>
    public static (byte[] Data, int BitCount) ReaderFrame(byte[] fifoBytes, int txLastBits, bool appendCrc)
    {
        var dataBits = fifoBytes.Length == 0 ? 0 : (fifoBytes.Length - 1) * 8 + (txLastBits == 0 ? 8 : txLastBits);
        var totalBits = dataBits + (appendCrc ? 16 : 0);
        var frame = new byte[(totalBits + 7) / 8];
        CopyBits(fifoBytes, 0, frame, 0, dataBits);
        if (appendCrc)
        {
            var crc = CrcA.Compute(fifoBytes, 0, fifoBytes.Length);
            CopyBits([(byte)crc, (byte)(crc >> 8)], 0, frame, dataBits, 16);
        }

        return (frame, totalBits);
    }

    /// <summary>
    /// Reader frame duration: start bit, 8 data bits plus parity per whole byte, the bits of a partial
    /// last byte (short frames and anticollision carry no parity there), end of frame: (9n + 3) etu.
    /// </summary>
    public static long ReaderFrameMicroseconds(int bitCount)
    {
        var etu = bitCount / 8 * 9 + bitCount % 8 + 3;
        return (etu * 12_800L + 1_355) / 1_356;
    }

    /// <summary>Copies <paramref name="count"/> bits, least significant first, between bit offsets.</summary>
    public static void CopyBits(byte[] source, int sourceBit, byte[] destination, int destinationBit, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var s = sourceBit + i;
            var d = destinationBit + i;
            var mask = (byte)(1 << (d % 8));
            if ((source[s / 8] >> (s % 8) & 1) != 0)
            {
                destination[d / 8] |= mask;
            }
            else
            {
                destination[d / 8] &= (byte)~mask;
            }
        }
    }
}
