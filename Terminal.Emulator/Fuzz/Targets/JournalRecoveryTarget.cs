using System.Text;
using Terminal.Firmware.Journal;
using Terminal.Simulation.Flash;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// Opening the journal over corrupted flash: the input is the flash's files (name, NUL, u16 length, bytes; repeated),
/// starting from a healthy journal with an ack. Whatever the corruption, opening returns a status, every record it
/// hands out validates with strictly rising sequences, and an opened journal appends and reopens to the same next
/// sequence.
/// </summary>
public sealed class JournalRecoveryTarget : IFuzzTarget
{
    private const int Budget = 64 * TxRecordCodec.Size;
    private const int PerSegment = 4;

    public string Name => "journal";

    public IReadOnlyList<byte[]> Seeds()
    {
        var flash = new SimulatedFlash();
        var journal = new Journal(flash, Budget, PerSegment);
        journal.Open();
        foreach (var record in FuzzRecords.Samples(1).Concat(FuzzRecords.Samples(6)))
        {
            record.Sequence = 0;
            journal.Append(record);
        }

        journal.Acknowledge(3);
        return [Files(flash)];
    }

    public void Run(byte[] input)
    {
        var flash = new SimulatedFlash();
        for (var at = 0; at < input.Length;)
        {
            var nul = Array.IndexOf(input, (byte)0, at);
            if (nul < 0 || nul + 2 >= input.Length)
            {
                break;
            }

            var name = Encoding.Latin1.GetString(input, at, nul - at);
            var length = Math.Min(input[nul + 1] | (input[nul + 2] << 8), input.Length - nul - 3);
            if (name.Length > 0)
            {
                flash.Replace(name, input, nul + 3, length);
            }

            at = nul + 3 + length;
        }

        var journal = new Journal(flash, Budget, PerSegment);
        if (!Journal.IsDurable(journal.Open()))
        {
            return;
        }

        var buffer = new byte[8 * TxRecordCodec.Size];
        uint previous = 0;
        for (var from = 1u; ;)
        {
            var count = journal.ReadBatch(from, buffer, 0, 8);
            if (count == 0)
            {
                break;
            }

            for (var i = 0; i < count; i++)
            {
                FuzzMismatchException.Check(TxRecordCodec.Validate(buffer, i * TxRecordCodec.Size) == RecordStatus.Ok, "recovery hands out a record that does not validate");
                var sequence = TxRecordCodec.ReadSequence(buffer, i * TxRecordCodec.Size);
                FuzzMismatchException.Check(sequence > previous && sequence >= from, "recovery hands out sequences that do not rise");
                previous = sequence;
            }

            from = previous + 1;
        }

        var added = FuzzRecords.Samples(1)[0];
        added.Sequence = 0;
        if (Journal.IsDurable(journal.Append(added)))
        {
            var next = journal.NextSequence;
            var reopened = new Journal(flash, Budget, PerSegment);
            FuzzMismatchException.Check(Journal.IsDurable(reopened.Open()) && reopened.NextSequence == next, "a recovered journal does not reopen where it was");
        }
    }

    private static byte[] Files(SimulatedFlash flash)
    {
        var bytes = new List<byte>();
        foreach (var name in flash.FileNames.Order(StringComparer.Ordinal))
        {
            var content = new byte[flash.Length(name)];
            flash.Read(name, 0, content, 0, content.Length);
            bytes.AddRange(Encoding.Latin1.GetBytes(name));
            bytes.AddRange([0, (byte)content.Length, (byte)(content.Length >> 8)]);
            bytes.AddRange(content);
        }

        return bytes.ToArray();
    }
}
