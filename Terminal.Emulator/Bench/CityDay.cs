using Backend.Ingest.Storage;
using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Bench;

/// <summary>
/// A city's month of journal records, made deterministically from a seed without holding them all: terminals
/// each numbering their own records, riders with 7-byte UIDs tapping a few times a day (every tenth ride a QR
/// token of an account), spread over the days with a morning and an evening peak, sealed into batches of
/// <see cref="RecordsPerBatch"/> as the terminals send them, grouped as the ingest's group committer commits them.
/// With <c>refusalsOnly</c> every ride is instead a card refusal of the same shape: a record that moves no money and
/// posts nothing, so that storing it costs what ingest alone costs.
/// </summary>
public sealed class CityDay(int terminals, int cards, int days, long firstDayUnixSeconds, int seed, bool refusalsOnly = false)
{
    public const int RecordsPerBatch = 64;
    public const int BatchesPerGroup = 256;
    public const int Fare = 250;

    private readonly Random _random = new(seed);
    private readonly uint[] _nextSequence = Enumerable.Repeat(1u, terminals + 1).ToArray();
    private readonly TxRecord _record = new();
    private readonly byte[] _uid = new byte[7];

    public int Cards => cards;

    public long FirstDay => firstDayUnixSeconds;

    public int Days => days;

    /// <summary>The UID of rider <paramref name="n"/> (0-based) as the store keys it: uppercase hex.</summary>
    public static string CardUid(int n) => Convert.ToHexString(Uid(n, new byte[7]));

    /// <summary>The next group of batches, <paramref name="records"/> records at most, each batch from one terminal.</summary>
    public IReadOnlyList<BatchToStore> NextGroup(int records)
    {
        var group = new List<BatchToStore>(BatchesPerGroup);
        while (records > 0 && group.Count < BatchesPerGroup)
        {
            var count = Math.Min(RecordsPerBatch, records);
            group.Add(NextBatch((uint)_random.Next(1, terminals + 1), count));
            records -= count;
        }

        return group;
    }

    private BatchToStore NextBatch(uint terminal, int count)
    {
        var payload = new byte[BatchCodec.LengthFor(count)];
        for (var i = 0; i < count; i++)
        {
            Fill(_nextSequence[terminal]++);
            if (TxRecordCodec.Encode(_record, payload, BatchCodec.RecordOffset(0, i)) != RecordStatus.Ok)
            {
                throw new InvalidOperationException("A generated record does not encode.");
            }
        }

        var header = new BatchHeader();
        if (BatchCodec.Seal(payload, 0, terminal, count, header) != WireStatus.Ok)
        {
            throw new InvalidOperationException("A generated batch does not seal.");
        }

        return BatchToStore.From(header, payload, 0);
    }

    private void Fill(uint sequence)
    {
        _record.Clear();
        _record.Sequence = sequence;
        _record.Timestamp = (uint)(firstDayUnixSeconds + (_random.Next(days) * 86_400L) + RideSecond());
        _record.Route = _random.Next(1, 120);
        _record.Amount = Fare;
        var rider = _random.Next(cards);
        if (rider % 10 == 9 && !refusalsOnly)
        {
            _record.Kind = TxKind.QrAccepted;
            _record.SetQr((uint)(rider + 1), (ulong)_random.NextInt64());
            return;
        }

        _record.SetCard(Uid(rider, _uid), 0, _uid.Length);
        if (refusalsOnly)
        {
            _record.Kind = TxKind.Refusal;
            _record.Amount = 0;
            _record.Reason = (int)RefusalCode.Blacklisted;
            return;
        }

        _record.Kind = TxKind.CardTapAccepted;
        _record.BalanceAfter = _random.Next(0, 20_000);
        _record.CardCounter = _random.Next(0, 65_536);
    }

    /// <summary>Seconds after midnight: a third of the rides around 08:00, a third around 17:30, the rest from 05:00 to 23:00.</summary>
    private int RideSecond() => _random.Next(3) switch
    {
        0 => 7 * 3600 + _random.Next(2 * 3600),
        1 => 16 * 3600 + 1800 + _random.Next(2 * 3600),
        _ => 5 * 3600 + _random.Next(18 * 3600),
    };

    private static byte[] Uid(int n, byte[] uid)
    {
        uid[0] = 0x04;
        uid[1] = 0xC1;
        BitConverter.TryWriteBytes(uid.AsSpan(2, 4), n);
        uid[6] = 0x80;
        return uid;
    }
}
