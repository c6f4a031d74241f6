using Terminal.Firmware.Journal;

namespace Backend.Ingest.Storage;

/// <summary>
/// One journal record as a row of <c>transactions</c>: the raw 32 bytes plus the columns queries need, decoded
/// with the firmware's <see cref="TxRecordCodec"/>. A card passenger has <see cref="CardUid"/> (uppercase hex),
/// balance and no token; a QR passenger has token and account; a terminal event has neither.
/// <see cref="TokenId"/> keeps the token's 64 bits in a signed column (same bits, possibly negative).
/// </summary>
public sealed record TransactionRow(
    uint TerminalId,
    uint Sequence,
    TxKind Kind,
    uint RecordedAt,
    int Amount,
    string? CardUid,
    long? TokenId,
    long? AccountId,
    int? BalanceAfter,
    int RouteId,
    byte[] Record,
    long ReceivedAt)
{
    /// <summary>Decodes the record at <paramref name="offset"/>, which <see cref="BatchCodec.Decode"/> has already validated.</summary>
    public static TransactionRow Decode(uint terminalId, byte[] payload, int offset, long receivedAt, TxRecord scratch)
    {
        var status = TxRecordCodec.Decode(payload, offset, scratch);
        if (status != RecordStatus.Ok)
        {
            throw new ArgumentException($"record at {offset} does not decode: {status}", nameof(payload));
        }

        var isCard = scratch.UidLength > 0;
        var isQr = !isCard && scratch.Kind != TxKind.TerminalEvent;
        return new TransactionRow(
            terminalId,
            scratch.Sequence,
            scratch.Kind,
            scratch.Timestamp,
            scratch.Amount,
            isCard ? Convert.ToHexString(scratch.Uid, 0, scratch.UidLength) : null,
            isQr ? unchecked((long)scratch.TokenId) : null,
            isQr ? scratch.AccountId : null,
            isCard ? scratch.BalanceAfter : null,
            scratch.Route,
            payload[offset..(offset + TxRecordCodec.Size)],
            receivedAt);
    }

    /// <summary>Every record of a decoded batch, in order.</summary>
    public static TransactionRow[] FromBatch(BatchToStore batch, long receivedAt)
    {
        var scratch = new TxRecord();
        var rows = new TransactionRow[batch.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Decode(batch.TerminalId, batch.Payload, BatchCodec.RecordOffset(batch.Offset, i), receivedAt, scratch);
        }

        return rows;
    }
}
