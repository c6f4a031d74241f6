using System.Buffers.Binary;
using System.Data.Common;
using Backend.Ingest.Api;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Privacy;

/// <summary>
/// Unlinks stored travel records from the passenger: the card UID, QR token and account columns go, and the same
/// fields inside the raw 32-byte record (bytes 10-19, and 22-25 of a QR record, docs/protocol.md) are zeroed with the
/// CRC made good again. What stays is what the reports and the ledger need: terminal, time, kind, amount, route,
/// concession. The ledger's own transfers are not touched (they keep the money, docs/privacy.md).
/// </summary>
internal static class TravelRecordUnlinking
{
    private const int BatchRows = 500;
    private const int IdentityByte = 9;
    private const int QrIdentity = 3;
    private const int CrcOffset = 30;

    /// <summary>Unlinks every record that <paramref name="where"/> selects (SQL over <c>transactions</c>, with its parameters); returns how many.</summary>
    public static async Task<int> UnlinkAsync(
        DbConnection connection, DbTransaction transaction, string where, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellation)
    {
        var total = 0;
        while (true)
        {
            var rows = new List<(long Terminal, long Sequence, byte[] Record)>();
            await using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = $"""
                    select terminal_id, sequence, record from transactions
                    where ({where}) and (card_uid is not null or token_id is not null or account_id is not null)
                    limit {BatchRows}
                    """;
                foreach (var (name, value) in parameters)
                {
                    select.With(name, value);
                }

                await using var reader = await select.ExecuteReaderAsync(cancellation);
                while (await reader.ReadAsync(cancellation))
                {
                    rows.Add((reader.GetInt64(0), reader.GetInt64(1), (byte[])reader.GetValue(2)));
                }
            }

            foreach (var (terminal, sequence, record) in rows)
            {
                await using var update = connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = """
                    update transactions set card_uid = null, token_id = null, account_id = null, record = @record
                    where terminal_id = @terminal and sequence = @sequence
                    """;
                update.With("record", Anonymous(record)).With("terminal", terminal).With("sequence", sequence);
                await update.ExecuteNonQueryAsync(cancellation);
            }

            total += rows.Count;
            if (rows.Count < BatchRows)
            {
                return total;
            }
        }
    }

    private static byte[] Anonymous(byte[] record)
    {
        var copy = (byte[])record.Clone();
        if (copy.Length <= CrcOffset + 1)
        {
            return copy;
        }

        var isQr = (copy[IdentityByte] & 0b11) == QrIdentity;
        Array.Clear(copy, 10, 10);
        if (isQr)
        {
            Array.Clear(copy, 22, 4);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(CrcOffset), (ushort)Crc16Ccitt.Compute(copy, 0, CrcOffset));
        return copy;
    }
}
