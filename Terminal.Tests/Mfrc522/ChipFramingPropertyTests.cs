using FsCheck;
using FsCheck.Xunit;
using Terminal.Simulation.Mfrc522;

namespace Terminal.Tests.Mfrc522;

/// <summary>Bit framing between FIFO and air for any frame: what goes out, and where received bits land.</summary>
public sealed class ChipFramingPropertyTests
{
    [Property]
    public bool TheReaderFrameCarriesExactlyTheValidBitsOfTheFifo(NonEmptyArray<byte> data, byte lastBitsSeed)
    {
        var bytes = data.Get.Take(64).ToArray();
        var lastBits = lastBitsSeed % 8;
        var channel = new ScriptedChannel();
        var spi = new RawSpi(new Mfrc522Chip(channel));
        spi.Write(Mfrc522Register.FifoData, bytes);
        spi.Write(Mfrc522Register.BitFraming, (byte)lastBits);
        spi.Command(Mfrc522Command.Transceive);
        spi.Write(Mfrc522Register.BitFraming, (byte)(0x80 | lastBits));

        var frame = channel.Frames.Single();
        var expectedBits = (bytes.Length - 1) * 8 + (lastBits == 0 ? 8 : lastBits);
        return frame.BitCount == expectedBits && Enumerable.Range(0, expectedBits).All(i => Bit(frame.Data, i) == Bit(bytes, i));
    }

    [Property]
    public bool ReceivedBitsLandAtRxAlignAndRxLastBitsCountsThem(NonEmptyArray<byte> data, byte bitSeed, byte alignSeed)
    {
        var reply = data.Get.Take(60).ToArray();
        var bits = 1 + bitSeed % (reply.Length * 8);
        var align = alignSeed % 8;
        var channel = new ScriptedChannel();
        channel.ReplyBits(reply, bits);
        var spi = new RawSpi(new Mfrc522Chip(channel));
        spi.Write(Mfrc522Register.TxControl, 0x83);
        spi.Write(Mfrc522Register.FifoData, 0x93);
        spi.Command(Mfrc522Command.Transceive);
        spi.Write(Mfrc522Register.BitFraming, (byte)(0x80 | align << 4));

        var level = spi.Read(Mfrc522Register.FifoLevel);
        var lastBits = spi.Read(Mfrc522Register.Control) & 0x07;
        var stored = spi.ReadBurst(Enumerable.Repeat(Mfrc522Register.FifoData, level).ToArray());
        return level == (align + bits + 7) / 8
            && lastBits == (align + bits) % 8
            && Enumerable.Range(0, align).All(i => Bit(stored, i) == 0)
            && Enumerable.Range(0, bits).All(i => Bit(stored, align + i) == Bit(reply, i));
    }

    private static int Bit(byte[] data, int index) => data[index / 8] >> (index % 8) & 1;
}
