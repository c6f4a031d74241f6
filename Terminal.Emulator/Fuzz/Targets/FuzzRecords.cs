using Terminal.Firmware.Binary;
using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>Valid journal records of every shape for the seeds, and CRC repair so mutations reach the checks behind the CRC.</summary>
public static class FuzzRecords
{
    public static TxRecord[] Samples(uint firstSequence)
    {
        var tap = new TxRecord { Kind = TxKind.CardTapAccepted, Sequence = firstSequence, Timestamp = 1_764_000_000, Amount = 250, BalanceAfter = -120, CardCounter = 0x1234, Route = 7, OriginZone = 3, DestinationZone = 12, Product = 5, Concession = 3 };
        tap.SetCard([0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6], 0, 7);
        var qr = new TxRecord { Kind = TxKind.QrAccepted, Sequence = firstSequence + 1, Timestamp = 1_764_000_010, Amount = 180, Route = 2 };
        qr.SetQr(4_000_000_001, 0xFEDCBA9876543210);
        var refusal = new TxRecord { Kind = TxKind.Refusal, Sequence = firstSequence + 2, Timestamp = 1_764_000_020, Reason = 4, Route = 2 };
        refusal.SetCard([1, 2, 3, 4], 0, 4);
        var load = new TxRecord { Kind = TxKind.LoadApplied, Sequence = firstSequence + 3, Timestamp = 1_764_000_030, Amount = 2000, BalanceAfter = 8_000_000, LoadNumber = 65535 };
        load.SetCard([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], 0, 10);
        var terminalEvent = new TxRecord { Kind = TxKind.TerminalEvent, Sequence = firstSequence + 4, Timestamp = 1_764_000_040, EventCode = 3, EventValue = 0xFFFFFFFF };
        return [tap, qr, refusal, load, terminalEvent];
    }

    public static byte[] Encode(TxRecord record)
    {
        var bytes = new byte[TxRecordCodec.Size];
        if (TxRecordCodec.Encode(record, bytes, 0) != RecordStatus.Ok)
        {
            throw new InvalidOperationException($"seed record {record.Kind} does not encode");
        }

        return bytes;
    }

    /// <summary>Rewrites the CRC of the record at <paramref name="offset"/> over whatever bytes it now holds.</summary>
    public static void RepairCrc(byte[] buffer, int offset)
    {
        if (offset >= 0 && buffer.Length - offset >= TxRecordCodec.Size)
        {
            LittleEndian.WriteUInt16(buffer, offset + TxRecordCodec.Size - 2, Crc16Ccitt.Compute(buffer, offset, TxRecordCodec.Size - 2));
        }
    }
}
