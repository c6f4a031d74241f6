using System.Data.Common;
using System.Globalization;
using Backend.Ingest.Accounts;
using Backend.Ingest.Cards;
using Backend.Ingest.Privacy;

namespace Backend.Ingest.CustomerService;

/// <summary>
/// The desk's one search box: what was typed is read as a card number (or its start), an account id, an e-mail
/// address, a phone number or a passenger's full name (exactly: contacts are sealed, docs/privacy.md), and each reading that fits is looked up. Every lookup is a
/// parameterised query: what was typed is only ever a value, never SQL.
/// </summary>
public static class CustomerSearch
{
    public const int MaxQueryLength = 100;
    public const int MaxHits = 20;

    /// <summary>The least of a card number worth a prefix search: fewer digits would list most of the registry.</summary>
    public const int MinUidPrefix = 4;

    public sealed record Hits(IReadOnlyList<CardRecord> Cards, IReadOnlyList<AccountRecord> Accounts);

    /// <summary>Null when the query is empty or too long for any of the readings (the page says so).</summary>
    public static async Task<Hits?> FindAsync(DbDataSource dataSource, ContactVault vault, string? query, CancellationToken cancellation)
    {
        var text = query?.Trim() ?? "";
        if (text.Length is 0 or > MaxQueryLength)
        {
            return null;
        }

        var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal);
        var cards = compact.Length is >= MinUidPrefix and <= 20 && compact.All(char.IsAsciiHexDigit)
            ? await CardRegistry.WithUidPrefixAsync(dataSource, compact.ToUpperInvariant(), MaxHits, cancellation)
            : [];
        var accounts = new List<AccountRecord>();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && AccountRegistry.IsId(id))
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellation);
            if (await AccountRegistry.FindAsync(connection, null, vault, id, cancellation) is { } account)
            {
                accounts.Add(account);
            }
        }

        var email = text.Contains('@', StringComparison.Ordinal) ? text : null;
        var phone = text.Length >= 6 && text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-') ? text : null;
        var name = text.Any(char.IsLetter) && email is null ? text : null;
        if (email is not null || phone is not null || name is not null)
        {
            accounts.AddRange((await AccountRegistry.FindByContactAsync(dataSource, vault, email, phone, name, MaxHits, cancellation))
                .Where(found => accounts.All(known => known.AccountId != found.AccountId)));
        }

        return new Hits(cards, accounts);
    }
}
