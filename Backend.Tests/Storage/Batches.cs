using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Storage;

/// <summary>Sealed uplink batches as a terminal sends them: card taps by default, with sequences first..first+count-1.</summary>
internal static class Batches
{
    public const uint Timestamp = 1_767_225_600u;

    public static byte[] Sealed(uint terminalId, uint first, int count) => Sealed(terminalId, Enumerable.Range(0, count).Select(i => CardTap(first + (uint)i)).ToArray());

    public static byte[] Sealed(uint terminalId, params TxRecord[] records)
    {
        var payload = new byte[BatchCodec.LengthFor(records.Length)];
        for (var i = 0; i < records.Length; i++)
        {
            Assert.Equal(RecordStatus.Ok, TxRecordCodec.Encode(records[i], payload, BatchCodec.RecordOffset(0, i)));
        }

        Assert.Equal(WireStatus.Ok, BatchCodec.Seal(payload, 0, terminalId, records.Length, new BatchHeader()));
        return payload;
    }

    public static (BatchHeader Header, byte[] Payload) Decoded(uint terminalId, uint first, int count)
    {
        var payload = Sealed(terminalId, first, count);
        var header = new BatchHeader();
        Assert.Equal(WireStatus.Ok, BatchCodec.Decode(payload, 0, payload.Length, header));
        return (header, payload);
    }

    public static Backend.Ingest.Storage.BatchToStore ToStore(uint terminalId, uint first, int count)
    {
        var (header, payload) = Decoded(terminalId, first, count);
        return Backend.Ingest.Storage.BatchToStore.From(header, payload, 0);
    }

    public static TxRecord CardTap(uint sequence)
    {
        var record = new TxRecord { Kind = TxKind.CardTapAccepted, Sequence = sequence, Timestamp = Timestamp, Amount = 250, BalanceAfter = -120, CardCounter = 7, Route = 12 };
        record.SetCard([0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, (byte)sequence], 0, 7);
        return record;
    }

    /// <summary>The card tap of a test terminal's <paramref name="n"/>-th boarding, for its journal to number.</summary>
    public static TxRecord Boarding(int n)
    {
        var record = new TxRecord { Kind = TxKind.CardTapAccepted, Timestamp = Timestamp, Amount = 250, BalanceAfter = 1000, CardCounter = n % 65_536, Route = 4 };
        record.SetCard([0x04, 0x10, 0x20, 0x30, 0x40, (byte)(n >> 8), (byte)n], 0, 7);
        return record;
    }

    public static TxRecord QrRide(uint sequence, uint account, ulong token)
    {
        var record = new TxRecord { Kind = TxKind.QrAccepted, Sequence = sequence, Timestamp = Timestamp, Amount = 180, Route = 3 };
        record.SetQr(account, token);
        return record;
    }

    public static TxRecord Event(uint sequence) =>
        new() { Kind = TxKind.TerminalEvent, Sequence = sequence, Timestamp = Timestamp, EventCode = 1, EventValue = 42, Route = 9 };
}
