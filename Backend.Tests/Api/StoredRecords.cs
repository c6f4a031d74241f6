using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Api;

/// <summary>
/// Puts journal records into the contract tables the way ingest does: each record is encoded by the firmware's
/// codec, decoded back, and its fields spread into the columns beside the raw 32 bytes.
/// </summary>
internal static class StoredRecords
{
    public static TxRecord CardTap(uint sequence, DateTimeOffset at, byte[] uid, int amount, int balanceAfter, int route = 7)
    {
        var record = new TxRecord { Kind = TxKind.CardTapAccepted, Sequence = sequence, Timestamp = (uint)at.ToUnixTimeSeconds(), Amount = amount, BalanceAfter = balanceAfter, Route = route };
        Assert.True(record.SetCard(uid, 0, uid.Length));
        return record;
    }

    public static TxRecord Card(TxKind kind, uint sequence, DateTimeOffset at, byte[] uid, int amount, int balanceAfter)
    {
        var record = CardTap(sequence, at, uid, amount, balanceAfter);
        record.Kind = kind;
        return record;
    }

    public static TxRecord Qr(uint sequence, DateTimeOffset at, uint account, ulong token, int amount)
    {
        var record = new TxRecord { Kind = TxKind.QrAccepted, Sequence = sequence, Timestamp = (uint)at.ToUnixTimeSeconds(), Amount = amount, Route = 12 };
        record.SetQr(account, token);
        return record;
    }

    public static TxRecord Refusal(uint sequence, DateTimeOffset at, byte[] uid, RefusalCode reason)
    {
        var record = new TxRecord { Kind = TxKind.Refusal, Sequence = sequence, Timestamp = (uint)at.ToUnixTimeSeconds(), Reason = (int)reason };
        Assert.True(record.SetCard(uid, 0, uid.Length));
        return record;
    }

    public static async Task InsertAsync(this TestDatabase database, uint terminalId, DateTimeOffset receivedAt, params TxRecord[] records)
    {
        foreach (var record in records)
        {
            var bytes = new byte[TxRecordCodec.Size];
            Assert.Equal(RecordStatus.Ok, TxRecordCodec.Encode(record, bytes, 0));
            var stored = new TxRecord();
            Assert.Equal(RecordStatus.Ok, TxRecordCodec.Decode(bytes, 0, stored));
            var isCard = stored.UidLength > 0;
            var isQr = !isCard && stored.Kind != TxKind.TerminalEvent;
            await using var command = database.DataSource.CreateCommand("""
                insert into transactions (terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at)
                values (@terminal, @sequence, @kind, @recorded_at, @amount, @card_uid, @token_id, @account_id, @balance_after, @route_id, @record, @received_at)
                """);
            Bind(command, "terminal", (long)terminalId);
            Bind(command, "sequence", (long)stored.Sequence);
            Bind(command, "kind", (int)stored.Kind);
            Bind(command, "recorded_at", (long)stored.Timestamp);
            Bind(command, "amount", stored.Amount);
            Bind(command, "card_uid", isCard ? Convert.ToHexString(stored.Uid, 0, stored.UidLength) : null);
            Bind(command, "token_id", isQr ? unchecked((long)stored.TokenId) : null);
            Bind(command, "account_id", isQr ? (long)stored.AccountId : null);
            Bind(command, "balance_after", isCard ? stored.BalanceAfter : null);
            Bind(command, "route_id", stored.Route);
            Bind(command, "record", bytes);
            Bind(command, "received_at", receivedAt.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync();
        }
    }

    public static async Task SetProgressAsync(this TestDatabase database, uint terminalId, long highWater, DateTimeOffset lastBatchAt)
    {
        await using var command = database.DataSource.CreateCommand(
            "insert into terminals (terminal_id, high_water, last_batch_at) values (@terminal, @high_water, @last_batch_at)");
        Bind(command, "terminal", (long)terminalId);
        Bind(command, "high_water", highWater);
        Bind(command, "last_batch_at", lastBatchAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync();
    }

    private static void Bind(System.Data.Common.DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
