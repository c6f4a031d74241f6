using System.Data.Common;
using System.Security.Cryptography;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Privacy;

namespace Backend.Ingest.Accounts;

/// <summary>
/// The SQL of <c>accounts</c>: reads, and the writes a change makes in its transaction. Contact details are read from
/// and written to <c>contacts_sealed</c> through the <see cref="ContactVault"/> (docs/privacy.md), never as plaintext.
/// </summary>
internal static class AccountRegistry
{
    public const string Active = "active";

    /// <summary>The QR token carries the account in 32 bits; 0 means no account.</summary>
    public const long MaxId = uint.MaxValue;

    private const string Columns = "account_id, status, contacts_sealed, created_at, status_changed_at, status_reason";

    public static bool IsId(long? id) => id is >= 1 and <= MaxId;

    public static async Task<AccountRecord?> FindAsync(
        DbConnection connection, DbTransaction? transaction, ContactVault vault, long accountId, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"select {Columns} from accounts where account_id = @id";
        command.With("id", accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? Read(reader, vault) : null;
    }

    /// <summary>
    /// Accounts whose contact e-mail, phone or full name is exactly the one given (after the vault's normalisation:
    /// case and spacing do not matter), found by their keyed hashes (schema 0016): sealed contacts cannot be searched in part.
    /// </summary>
    public static async Task<IReadOnlyList<AccountRecord>> FindByContactAsync(
        DbDataSource dataSource, ContactVault vault, string? email, string? phone, string? name, int limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from accounts
            where contact_email_hash = @email or contact_phone_hash = @phone or contact_name_hash = @name
            order by account_id limit @limit
            """);
        command.With("email", vault.EmailHash(email)).With("phone", vault.PhoneHash(phone)).With("name", vault.NameHash(name)).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var accounts = new List<AccountRecord>();
        while (await reader.ReadAsync(cancellation))
        {
            accounts.Add(Read(reader, vault));
        }

        return accounts;
    }

    /// <summary>The account's status, or null when there is no such account: for the changes that need no contact details.</summary>
    public static async Task<string?> StatusAsync(DbConnection connection, DbTransaction? transaction, long accountId, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "select status from accounts where account_id = @id";
        command.With("id", accountId);
        return await command.ExecuteScalarAsync(cancellation) as string;
    }

    /// <summary>The account's status, its row locked until the change commits (see CardRegistry.LockAsync for why); null when there is no such account.</summary>
    public static async Task<string?> LockAsync(ChangeContext change, long accountId, CancellationToken cancellation)
    {
        await using (var lockRow = change.Command("update accounts set status = status where account_id = @id"))
        {
            lockRow.With("id", accountId);
            if (await lockRow.ExecuteNonQueryAsync(cancellation) == 0)
            {
                return null;
            }
        }

        return await StatusAsync(change.Connection, change.Transaction, accountId, cancellation);
    }

    /// <summary>
    /// Opens an account under a fresh random id (unguessable, so the id in a QR token says nothing about the
    /// passenger or the order of sign-up); an id already taken is drawn again.
    /// </summary>
    public static async Task<long> OpenAsync(ChangeContext change, ContactVault vault, AccountOpening opening, CancellationToken cancellation)
    {
        while (true)
        {
            long id = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint)));
            if (id == 0)
            {
                continue;
            }

            await using var command = change.Command($"""
                insert into accounts ({Columns}, contact_name_hash, contact_email_hash, contact_phone_hash)
                values (@id, 'active', @sealed, @at, @at, null, @name, @email, @phone)
                on conflict (account_id) do nothing
                """);
            command.With("id", id).With("sealed", vault.Seal(id, new ContactDetails(opening.ContactName, opening.ContactEmail, opening.ContactPhone)))
                .With("name", vault.NameHash(opening.ContactName)).With("email", vault.EmailHash(opening.ContactEmail))
                .With("phone", vault.PhoneHash(opening.ContactPhone)).With("at", change.Now);
            if (await command.ExecuteNonQueryAsync(cancellation) == 1)
            {
                return id;
            }
        }
    }

    /// <summary>Writes <paramref name="contacts"/> sealed, with their lookup hashes, and clears the plaintext columns.</summary>
    public static async Task SealContactsAsync(
        DbConnection connection, DbTransaction transaction, ContactVault vault, long accountId, ContactDetails contacts, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            update accounts set contacts_sealed = @sealed, contact_name_hash = @name, contact_email_hash = @email, contact_phone_hash = @phone,
                contact_name = null, contact_email = null, contact_phone = null
            where account_id = @id
            """;
        command.With("id", accountId).With("sealed", vault.Seal(accountId, contacts)).With("name", vault.NameHash(contacts.Name))
            .With("email", vault.EmailHash(contacts.Email)).With("phone", vault.PhoneHash(contacts.Phone));
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static AccountRecord Read(DbDataReader reader, ContactVault vault)
    {
        var accountId = reader.GetInt64(0);
        var contacts = vault.Open(accountId, reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
        return new(
            accountId, reader.GetString(1), contacts.Name, contacts.Email, contacts.Phone,
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            NullableString(reader, 5));
    }

    private static string? NullableString(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
