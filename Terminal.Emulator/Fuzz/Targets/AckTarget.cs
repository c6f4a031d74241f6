using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>The backend's ack as the terminal decodes it, raw and with its CRC repaired: an accepted ack encodes again to the same bytes.</summary>
public sealed class AckTarget : IFuzzTarget
{
    private readonly byte[] _encoded = new byte[AckCodec.Size];

    public string Name => "ack";

    public IReadOnlyList<byte[]> Seeds()
    {
        var ack = new byte[AckCodec.Size];
        AckCodec.Encode(7, 4_000_000_000, ack, 0);
        return [ack];
    }

    public void Run(byte[] input)
    {
        Check(input);
        if (input.Length >= AckCodec.Size)
        {
            Terminal.Firmware.Binary.LittleEndian.WriteUInt16(input, AckCodec.Size - 2, Crc16Ccitt.Compute(input, 0, AckCodec.Size - 2));
        }

        Check(input);
    }

    private void Check(byte[] input)
    {
        if (AckCodec.Decode(input, 0, input.Length, out var terminalId, out var upTo) != WireStatus.Ok)
        {
            return;
        }

        FuzzMismatchException.Check(AckCodec.Encode(terminalId, upTo, _encoded, 0) && _encoded.AsSpan().SequenceEqual(input), "an accepted ack encodes again to other bytes");
    }
}
