using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Cards;

/// <summary>The SQL of the card registry (<c>cards</c>): reads, and the writes a change makes in its transaction.</summary>
internal static class CardRegistry
{
    private const string Columns = "uid, card_type, key_version, expiry_day, status, account_id, issued_at, issued_by, status_changed_at, status_reason";

    private static readonly DateOnly UnixEpoch = new(1970, 1, 1);

    public static async Task<CardRecord?> FindAsync(DbConnection connection, DbTransaction? transaction, string uid, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"select {Columns} from cards where uid = @uid";
        command.With("uid", uid);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? Read(reader) : null;
    }

    /// <summary>
    /// The card, its row locked until the change commits (an update that changes nothing takes PostgreSQL's row
    /// lock; SQLite's write transaction already holds the database): two loads racing on one card run one after
    /// the other, each seeing the other's balance.
    /// </summary>
    public static async Task<CardRecord?> LockAsync(ChangeContext change, string uid, CancellationToken cancellation)
    {
        await using (var lockRow = change.Command("update cards set status = status where uid = @uid"))
        {
            lockRow.With("uid", uid);
            if (await lockRow.ExecuteNonQueryAsync(cancellation) == 0)
            {
                return null;
            }
        }

        return await FindAsync(change.Connection, change.Transaction, uid, cancellation);
    }

    /// <summary>Adds the card; false when its UID is registered already.</summary>
    public static async Task<bool> InsertAsync(ChangeContext change, CardRecord card, CancellationToken cancellation)
    {
        await using var command = change.Command($"""
            insert into cards ({Columns})
            values (@uid, @card_type, @key_version, @expiry_day, @status, @account_id, @at, @issued_by, @at, null)
            on conflict (uid) do nothing
            """);
        command.With("uid", card.Uid).With("card_type", card.CardType).With("key_version", card.KeyVersion)
            .With("expiry_day", DayNumber(card.ExpiryDay)).With("status", card.Status).With("account_id", card.AccountId)
            .With("at", change.Now).With("issued_by", card.IssuedBy);
        return await command.ExecuteNonQueryAsync(cancellation) == 1;
    }

    public static async Task SetStatusAsync(ChangeContext change, string uid, string status, string? reason, CancellationToken cancellation)
    {
        await using var command = change.Command("update cards set status = @status, status_reason = @reason, status_changed_at = @at where uid = @uid");
        command.With("status", status).With("reason", reason).With("at", change.Now).With("uid", uid);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public static async Task LinkAsync(ChangeContext change, string uid, long accountId, CancellationToken cancellation)
    {
        await using var command = change.Command("update cards set account_id = @account where uid = @uid");
        command.With("account", accountId).With("uid", uid);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>The cards linked to an account, by UID.</summary>
    public static async Task<IReadOnlyList<CardRecord>> OfAccountAsync(DbDataSource dataSource, long accountId, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from cards where account_id = @account order by uid");
        command.With("account", accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var cards = new List<CardRecord>();
        while (await reader.ReadAsync(cancellation))
        {
            cards.Add(Read(reader));
        }

        return cards;
    }

    /// <summary>
    /// The cards whose UID starts with <paramref name="prefix"/> (uppercase hex), by UID: a range on the primary key,
    /// so a partial number costs an index seek on both databases (a LIKE would scan where the collation is not C).
    /// </summary>
    public static async Task<IReadOnlyList<CardRecord>> WithUidPrefixAsync(DbDataSource dataSource, string prefix, int limit, CancellationToken cancellation)
    {
        // 'G' sorts after every hex digit, so [prefix, prefix + "G") holds exactly the UIDs that start with prefix.
        await using var command = dataSource.CreateCommand($"select {Columns} from cards where uid >= @from and uid < @to order by uid limit @limit");
        command.With("from", prefix).With("to", prefix + "G").With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var cards = new List<CardRecord>();
        while (await reader.ReadAsync(cancellation))
        {
            cards.Add(Read(reader));
        }

        return cards;
    }

    /// <summary>
    /// The balance and counter of the card's latest tap, top-up or rolled-forward write, decoded from the stored
    /// record (an abandoned write names a counter the card never reached, so it is not the card's word).
    /// </summary>
    public static async Task<CardReport?> LastReportedAsync(DbDataSource dataSource, string uid, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select terminal_id, sequence, record from transactions
            where card_uid = @uid and kind in ({(int)TxKind.CardTapAccepted}, {(int)TxKind.CardWriteCompleted}, {(int)TxKind.TopUp}, {(int)TxKind.LoadApplied})
            order by recorded_at desc, received_at desc, sequence desc
            limit 1
            """);
        command.With("uid", uid);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation))
        {
            return null;
        }

        var record = new TxRecord();
        TxRecordCodec.Decode((byte[])reader.GetValue(2), 0, record);
        return new CardReport(record.BalanceAfter, record.CardCounter, record.Kind.ToString(), reader.GetInt64(0), reader.GetInt64(1),
            DateTimeOffset.FromUnixTimeSeconds(record.Timestamp));
    }

    public static int DayNumber(DateOnly day) => day.DayNumber - UnixEpoch.DayNumber;

    private static CardRecord Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), UnixEpoch.AddDays(reader.GetInt32(3)), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetInt64(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), reader.GetString(7),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)), reader.IsDBNull(9) ? null : reader.GetString(9));
}
