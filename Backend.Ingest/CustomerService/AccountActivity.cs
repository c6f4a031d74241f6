using System.Data.Common;
using Backend.Ingest.Api;

namespace Backend.Ingest.CustomerService;

/// <summary>What the account page shows beside the ledger: the QR ride tokens issued to the account and its online top-ups.</summary>
public static class AccountActivity
{
    public const int Rows = 50;

    public sealed record QrTokenIssued(string TokenId, DateTimeOffset IssuedAt, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, int Concession, bool Used);

    public sealed record TopUp(string PaymentId, string Provider, long Amount, string Status, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, long? Refunded);

    /// <summary>The account's latest tokens, newest first (index qr_tokens_account).</summary>
    /// <param name="rows">The page shows <see cref="Rows"/>; a data export asks for all.</param>
    public static async Task<IReadOnlyList<QrTokenIssued>> QrTokensAsync(DbDataSource dataSource, long accountId, CancellationToken cancellation, int rows = Rows)
    {
        await using var command = dataSource.CreateCommand("""
            select token_id, issued_at, valid_from, valid_until, concession, used_at from qr_tokens
            where account_id = @account order by valid_until desc, token_id desc limit @rows
            """);
        command.With("account", accountId).With("rows", rows);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var tokens = new List<QrTokenIssued>();
        while (await reader.ReadAsync(cancellation))
        {
            tokens.Add(new QrTokenIssued(
                // The token's 64 bits are stored as a signed bigint; shown as the unsigned number the token carries.
                unchecked((ulong)reader.GetInt64(0)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(2)),
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(3)), reader.GetInt32(4), !reader.IsDBNull(5)));
        }

        return tokens;
    }

    /// <summary>The account's online top-ups, newest first (index payments_account, schema 0012).</summary>
    /// <param name="rows">The page shows <see cref="Rows"/>; a data export asks for all.</param>
    public static async Task<IReadOnlyList<TopUp>> TopUpsAsync(DbDataSource dataSource, long accountId, CancellationToken cancellation, int rows = Rows)
    {
        await using var command = dataSource.CreateCommand("""
            select payment_id, provider, amount, status, created_at, paid_at, refund_amount from payments
            where account_id = @account order by created_at desc limit @rows
            """);
        command.With("account", accountId).With("rows", rows);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var topUps = new List<TopUp>();
        while (await reader.ReadAsync(cancellation))
        {
            topUps.Add(new TopUp(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : reader.GetInt64(6)));
        }

        return topUps;
    }
}
