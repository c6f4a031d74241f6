using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Ledger;
using Microsoft.Extensions.Options;
using Terminal.Firmware.Fares;

namespace Backend.Ingest.Qr;

/// <summary>
/// Signs a ride token for an account, inside the change that records it in <c>qr_tokens</c> with its audit row.
/// Refused: an unknown account (404); one blocked or closed (409); one in debt, its ledger balance below 0 or below
/// the dearest ride it could take (<see cref="DearestRide"/>, 409); one already holding
/// <see cref="QrOptions.MaxLiveTokens"/> live tokens (unused and unexpired, 409).
/// The validity window, and which tokens are still live, are read from the clock registered under
/// <see cref="ClockKey"/>: the backend's own clock, unless a host that runs terminals on a clock of their own (the
/// emulator's compressed fleet day) registers that one, so that tokens are valid where the terminals are in time.
/// The audit row and the change's timestamps stay on the backend's clock.
/// </summary>
public sealed class QrTokenIssuance(
    QrTokenSigner signer, DownlinkCatalog catalog, IOptions<QrOptions> options, [FromKeyedServices(QrTokenIssuance.ClockKey)] TimeProvider clock)
{
    /// <summary>The key of the <see cref="TimeProvider"/> that dates QR tokens.</summary>
    public const string ClockKey = "qr-tokens";

    /// <summary>Token ids stay below 2^48 so that they are exact JSON numbers for any client; the journal record holds all 64 bits (docs/qr-token.md).</summary>
    private const ulong TokenIdLimit = 1UL << 48;

    public async Task<ChangeResult> IssueAsync(ChangeContext change, long accountId, int validityMinutes, byte fareProduct, CardType concession, CancellationToken cancellation)
    {
        // Touching the row first locks the account (PostgreSQL row lock, SQLite write lock), so two requests racing
        // for the last live token of one account are counted one after the other.
        await using (var lockAccount = change.Command("update accounts set status = status where account_id = @id"))
        {
            if (await lockAccount.With("id", accountId).ExecuteNonQueryAsync(cancellation) == 0)
            {
                return ChangeRequests.Problem(StatusCodes.Status404NotFound, "Unknown account.", $"There is no account {accountId}.");
            }
        }

        if (await ScalarAsync<string>(change, "select status from accounts where account_id = @id", cancellation, ("id", accountId)) is var status and not "active")
        {
            return ChangeRequests.Problem(StatusCodes.Status409Conflict, "The account cannot ride.", $"Account {accountId} is {status}; a QR token is issued only for an active account.");
        }

        long balance = await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Account(accountId), cancellation);
        long ride = DearestRide.Of(catalog.FareTable?.Table, concession);
        if (balance < 0 || balance < ride)
        {
            return ChangeRequests.Problem(StatusCodes.Status409Conflict, "The account is in debt.", balance < 0
                ? $"Account {accountId} owes {MinorUnits.Format(-balance)}; top it up before asking for a QR token."
                : $"Account {accountId} holds {MinorUnits.Format(balance)}, less than the dearest ride of the fare table in force ({MinorUnits.Format(ride)}); top it up before asking for a QR token.");
        }

        long nowSeconds = clock.GetUtcNow().ToUnixTimeSeconds();
        int live = await ScalarAsync<int>(change, "select count(*) from qr_tokens where account_id = @id and used_at is null and valid_until >= @now", cancellation, ("id", accountId), ("now", nowSeconds));
        int maxLive = options.Value.MaxLiveTokens;
        if (live >= maxLive)
        {
            return ChangeRequests.Problem(StatusCodes.Status409Conflict, "Too many live QR tokens.",
                $"Account {accountId} already holds {live} unused, unexpired QR tokens (at most {maxLive}); use one or let one expire.");
        }

        var fields = new QrTokenFields(
            (uint)accountId, NewTokenId(), (uint)nowSeconds, (uint)(nowSeconds + (validityMinutes * 60)),
            fareProduct, (byte)concession);
        string text = Base45Text.Encode(signer.IssueBytes(fields));
        await using (var insert = change.Command("""
            insert into qr_tokens (token_id, account_id, valid_from, valid_until, fare_product, concession, issued_at, used_at, token_text)
            values (@token, @id, @from, @until, @product, @concession, @at, null, @text)
            """))
        {
            insert.With("token", (long)fields.TokenId).With("id", accountId).With("from", (long)fields.ValidFrom).With("until", (long)fields.ValidUntil)
                .With("product", (int)fields.FareProduct).With("concession", (int)fields.Concession).With("at", change.Now).With("text", text);
            await insert.ExecuteNonQueryAsync(cancellation);
        }

        string tokenId = fields.TokenId.ToString(CultureInfo.InvariantCulture);
        await change.AuditAsync("qr_token.issue", $"account:{accountId}", null,
            $"token {tokenId}, key {signer.KeyId}, valid {fields.ValidFrom}..{fields.ValidUntil}, fare product {fields.FareProduct}, concession {fields.Concession}", cancellation);
        return new ChangeResult(StatusCodes.Status201Created, new IssuedQrToken(
            (long)fields.TokenId, accountId, signer.KeyId, text, fields.ValidFrom, fields.ValidUntil, DateTimeOffset.FromUnixTimeSeconds(fields.ValidUntil),
            fields.FareProduct, fields.Concession, $"/api/qr-tokens/{tokenId}/image.png", Convert.ToBase64String(QrCodePng.Of(text))));
    }

    /// <summary>Random, 1 to 2^48 - 1: unguessable, so a token id reveals nothing about the account's others.</summary>
    private static ulong NewTokenId()
    {
        ulong id;
        do
        {
            id = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8)) & (TokenIdLimit - 1);
        }
        while (id == 0);
        return id;
    }

    private static async Task<T> ScalarAsync<T>(ChangeContext change, string sql, CancellationToken cancellation, params (string Name, object Value)[] parameters)
    {
        await using var command = change.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(cancellation))!, typeof(T), CultureInfo.InvariantCulture);
    }
}
