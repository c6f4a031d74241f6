using System.Data.Common;

namespace Backend.Tests.Ledger;

/// <summary>One transfer as stored in <c>ledger_transfers</c>.</summary>
internal sealed record StoredTransfer(string Kind, string Debit, string Credit, long Amount, long? Terminal, long? Sequence, string? SourceKey, int Leg, long OccurredAt);

/// <summary>Reads the ledger straight from the database, the way an auditor would, to check what the backend posted.</summary>
internal static class LedgerBook
{
    public static async Task<IReadOnlyList<StoredTransfer>> TransfersAsync(Func<DbConnection> connect)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            select kind, debit_account, credit_account, amount, source_terminal, source_sequence, source_key, leg, occurred_at
            from ledger_transfers order by transfer_id
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var transfers = new List<StoredTransfer>();
        while (await reader.ReadAsync())
        {
            transfers.Add(new StoredTransfer(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7), reader.GetInt64(8)));
        }

        return transfers;
    }

    /// <summary>Every account's balance, sum(credits) - sum(debits), computed here from the transfers.</summary>
    public static IReadOnlyDictionary<string, long> Balances(IEnumerable<StoredTransfer> transfers)
    {
        var balances = new Dictionary<string, long>();
        foreach (var transfer in transfers)
        {
            balances[transfer.Debit] = balances.GetValueOrDefault(transfer.Debit) - transfer.Amount;
            balances[transfer.Credit] = balances.GetValueOrDefault(transfer.Credit) + transfer.Amount;
        }

        return balances;
    }
}
