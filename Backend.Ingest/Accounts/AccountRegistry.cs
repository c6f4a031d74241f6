using System.Data.Common;
using System.Security.Cryptography;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Accounts;

/// <summary>The SQL of <c>accounts</c>: reads, and the writes a change makes in its transaction.</summary>
internal static class AccountRegistry
{
    public const string Active = "active";

    /// <summary>The QR token carries the account in 32 bits; 0 means no account.</summary>
    public const long MaxId = uint.MaxValue;

    private const string Columns = "account_id, status, contact_name, contact_email, contact_phone, created_at, status_changed_at, status_reason";

    public static bool IsId(long? id) => id is >= 1 and <= MaxId;

    public static async Task<AccountRecord?> FindAsync(DbConnection connection, DbTransaction? transaction, long accountId, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"select {Columns} from accounts where account_id = @id";
        command.With("id", accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? Read(reader) : null;
    }

    /// <summary>
    /// Accounts whose contact e-mail is <paramref name="email"/> (any case) or whose phone is <paramref name="phone"/>
    /// (both by index, schema 0012), or whose contact name contains <paramref name="name"/> (any case; a scan, bounded by the limit).
    /// </summary>
    public static async Task<IReadOnlyList<AccountRecord>> FindByContactAsync(
        DbDataSource dataSource, string? email, string? phone, string? name, int limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from accounts
            where lower(contact_email) = @email or contact_phone = @phone or lower(contact_name) like @name escape '!'
            order by account_id limit @limit
            """);
        // A name is matched as text: LIKE's own wildcards in it are escaped, so "100%" finds "100%" and nothing else.
        var pattern = name is null ? null : "%" + name.ToLowerInvariant().Replace("!", "!!").Replace("%", "!%").Replace("_", "!_") + "%";
        command.With("email", email?.ToLowerInvariant()).With("phone", phone).With("name", pattern).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var accounts = new List<AccountRecord>();
        while (await reader.ReadAsync(cancellation))
        {
            accounts.Add(Read(reader));
        }

        return accounts;
    }

    /// <summary>The account, its row locked until the change commits (see CardRegistry.LockAsync for why).</summary>
    public static async Task<AccountRecord?> LockAsync(ChangeContext change, long accountId, CancellationToken cancellation)
    {
        await using (var lockRow = change.Command("update accounts set status = status where account_id = @id"))
        {
            lockRow.With("id", accountId);
            if (await lockRow.ExecuteNonQueryAsync(cancellation) == 0)
            {
                return null;
            }
        }

        return await FindAsync(change.Connection, change.Transaction, accountId, cancellation);
    }

    /// <summary>
    /// Opens an account under a fresh random id (unguessable, so the id in a QR token says nothing about the
    /// passenger or the order of sign-up); an id already taken is drawn again.
    /// </summary>
    public static async Task<long> OpenAsync(ChangeContext change, AccountOpening opening, CancellationToken cancellation)
    {
        while (true)
        {
            long id = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint)));
            if (id == 0)
            {
                continue;
            }

            await using var command = change.Command($"""
                insert into accounts ({Columns}) values (@id, 'active', @name, @email, @phone, @at, @at, null)
                on conflict (account_id) do nothing
                """);
            command.With("id", id).With("name", opening.ContactName).With("email", opening.ContactEmail)
                .With("phone", opening.ContactPhone).With("at", change.Now);
            if (await command.ExecuteNonQueryAsync(cancellation) == 1)
            {
                return id;
            }
        }
    }

    private static AccountRecord Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3), NullableString(reader, 4),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        NullableString(reader, 7));

    private static string? NullableString(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
