using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// The 32-byte journal record, as raw bytes and with its CRC repaired (so mutations reach the field checks): an
/// accepted record must encode again to the same bytes.
/// </summary>
public sealed class TxRecordTarget : IFuzzTarget
{
    private readonly TxRecord _record = new();
    private readonly byte[] _encoded = new byte[TxRecordCodec.Size];

    public string Name => "tx-record";

    public IReadOnlyList<byte[]> Seeds() => FuzzRecords.Samples(1).Select(FuzzRecords.Encode).ToArray();

    public void Run(byte[] input)
    {
        Check(input);
        FuzzRecords.RepairCrc(input, 0);
        Check(input);
    }

    private void Check(byte[] input)
    {
        if (TxRecordCodec.Decode(input, 0, _record) != RecordStatus.Ok)
        {
            return;
        }

        var status = TxRecordCodec.Encode(_record, _encoded, 0);
        FuzzMismatchException.Check(status == RecordStatus.Ok, $"a record that decodes does not encode again ({status})");
        FuzzMismatchException.Check(_encoded.AsSpan().SequenceEqual(input.AsSpan(0, TxRecordCodec.Size)), "a record re-encodes to other bytes");
    }
}
