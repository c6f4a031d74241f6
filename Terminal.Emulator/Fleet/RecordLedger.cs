using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// Every record a bus's journal ever held, copied out right after each firmware step, before the sync agent can
/// send it and the journal reclaim it: what the backend must end up storing exactly once.
/// </summary>
public sealed class RecordLedger
{
    private const int Chunk = 256;

    private readonly SortedDictionary<uint, byte[]> _records = [];
    private readonly byte[] _buffer = new byte[TxRecordCodec.Size * Chunk];
    private readonly object _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>The highest sequence captured, or 0.</summary>
    public uint LastSequence { get; private set; }

    /// <summary>Copies the records appended since the last capture; returns how many.</summary>
    public int Capture(Journal journal)
    {
        var added = 0;
        int count;
        while ((count = journal.ReadBatch(LastSequence + 1, _buffer, 0, Chunk)) > 0)
        {
            lock (_gate)
            {
                for (var i = 0; i < count; i++)
                {
                    var at = i * TxRecordCodec.Size;
                    var sequence = TxRecordCodec.ReadSequence(_buffer, at);
                    _records[sequence] = _buffer[at..(at + TxRecordCodec.Size)];
                    LastSequence = sequence;
                    added++;
                }
            }
        }

        return added;
    }

    public IReadOnlyDictionary<uint, byte[]> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<uint, byte[]>(_records);
        }
    }
}
