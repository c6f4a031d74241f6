using Backend.Ingest.Storage;
using Backend.Tests.Storage;
using Terminal.Firmware.Journal;

namespace Backend.Tests.Ledger;

/// <summary>Journal records of every passenger kind, for one card or QR account, as the firmware writes them.</summary>
internal static class LedgerRecords
{
    public static readonly byte[] CardUid = [0x04, 0x5A, 0x6B, 0x7C, 0x8D, 0x9E, 0xAF];

    public const string CardHex = "045A6B7C8D9EAF";

    public static TxRecord Card(TxKind kind, uint sequence, int amount, byte[]? uid = null)
    {
        var record = new TxRecord { Kind = kind, Sequence = sequence, Timestamp = Batches.Timestamp, Amount = amount, BalanceAfter = 500, CardCounter = (int)sequence, Route = 7 };
        if (kind == TxKind.Refusal)
        {
            record.Reason = (int)RefusalCode.Blacklisted;
        }

        var card = uid ?? CardUid;
        record.SetCard(card, 0, card.Length);
        return record;
    }

    public static TxRecord Qr(uint sequence, uint account, int amount)
    {
        var record = Batches.QrRide(sequence, account, 0xA000_0000_0000_0000UL + sequence);
        record.Amount = amount;
        return record;
    }

    /// <summary>The records as a decoded batch of <paramref name="terminalId"/>, ready for the store.</summary>
    public static BatchToStore Batch(uint terminalId, params TxRecord[] records)
    {
        var payload = Batches.Sealed(terminalId, records);
        var header = new BatchHeader();
        BatchCodec.Decode(payload, 0, payload.Length, header);
        return BatchToStore.From(header, payload, 0);
    }
}
