using System.Data.Common;

namespace Terminal.Emulator.Fleet;

/// <summary>One row of the backend's payments table, as the top-up tally compares it.</summary>
public sealed record StoredPayment(string PaymentId, string Target, string? CardUid, long Amount, string Status);

/// <summary>One row of pending_loads with its number on the card (0 when it was never listed).</summary>
public sealed record StoredLoad(long LoadId, string CardUid, long Amount, string Status, string? PaymentId, int Number, uint? AppliedTerminal, uint? AppliedSequence);

/// <summary>What the backend stored of the online top-ups.</summary>
public sealed record StoredTopUps(IReadOnlyList<StoredPayment> Payments, IReadOnlyList<StoredLoad> Loads);

/// <summary>The top-up tally's verifier: reads payments and pending loads straight from the backend's database, on a connection of its own.</summary>
public static class StoredTopUpReader
{
    public static async Task<StoredTopUps> ReadAsync(DbConnection connection, CancellationToken cancellation)
    {
        await using (connection)
        {
            await connection.OpenAsync(cancellation);
            var payments = await RowsAsync(connection, "select payment_id, target, card_uid, amount, status from payments", r =>
                new StoredPayment(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt64(3), r.GetString(4)), cancellation);
            var loads = await RowsAsync(connection, """
                select l.load_id, l.card_uid, l.amount, l.status, l.payment_id, coalesce(n.load_number, 0), l.applied_terminal, l.applied_sequence
                from pending_loads l left join pending_load_numbers n on n.load_id = l.load_id
                """, r => new StoredLoad(
                    r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), Convert.ToInt32(r.GetValue(5)),
                    r.IsDBNull(6) ? null : (uint)r.GetInt64(6), r.IsDBNull(7) ? null : (uint)r.GetInt64(7)), cancellation);
            return new StoredTopUps(payments, loads);
        }
    }

    private static async Task<List<T>> RowsAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> row, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
