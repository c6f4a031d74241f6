using System.Text.Json;
using Backend.Ingest.Accounts;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;

namespace Backend.Ingest.Privacy;

/// <summary>
/// Erases a passenger on request (GDPR Art. 17) inside one change: refused while the account's QR balance or a
/// linked card's balance is not zero (that money is the passenger's: refund it first); otherwise the travel records
/// of the account and its cards are unlinked, its QR tokens and its cards' feedback deleted, its cards unlinked, its
/// contact details erased and the account closed. The ledger is append-only and keeps every transfer: its sums stay,
/// and its account codes now name no one.
/// </summary>
internal static class AccountErasure
{
    public const string ClearedContacts =
        "contacts_sealed = null, contact_name_hash = null, contact_email_hash = null, contact_phone_hash = null, contact_name = null, contact_email = null, contact_phone = null";

    public const string HasContacts =
        "contacts_sealed is not null or contact_name_hash is not null or contact_email_hash is not null or contact_phone_hash is not null or contact_name is not null or contact_email is not null or contact_phone is not null";

    public sealed record Erased(long AccountId, string Status, int CardsUnlinked, int TripsUnlinked, int QrTokensDeleted, int FeedbackDeleted);

    public static async Task<ChangeResult> EraseAsync(ChangeContext change, long accountId, CancellationToken cancellation)
    {
        if (await AccountRegistry.LockAsync(change, accountId, cancellation) is null)
        {
            return DeskChange.NotFound("Unknown account.", $"Account {accountId} does not exist.");
        }

        var balance = await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Account(accountId), cancellation);
        if (balance != 0)
        {
            return DeskChange.Conflict("The account still holds money.",
                $"Account {accountId} has a QR balance of {MinorUnits.Format(balance)}: refund it before erasing the account.");
        }

        var cards = new List<string>();
        await using (var select = change.Command("select uid from cards where account_id = @id order by uid"))
        {
            select.With("id", accountId);
            await using var reader = await select.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                cards.Add(reader.GetString(0));
            }
        }

        foreach (var uid in cards)
        {
            var held = await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Card(uid), cancellation);
            if (held != 0)
            {
                return DeskChange.Conflict("A card of the account still holds money.",
                    $"Card {uid} of account {accountId} holds {MinorUnits.Format(held)}: refund it before erasing the account.");
            }
        }

        var ofPerson = new Dictionary<string, object?> { ["id"] = accountId };
        var trips = await TravelRecordUnlinking.UnlinkAsync(change.Connection, change.Transaction,
            "account_id = @id or card_uid in (select uid from cards where account_id = @id) or token_id in (select token_id from qr_tokens where account_id = @id)",
            ofPerson, cancellation);
        var feedback = await ExecuteAsync(change, "delete from feedback where card_uid in (select uid from cards where account_id = @id)", accountId, cancellation);
        var tokens = await ExecuteAsync(change, "delete from qr_tokens where account_id = @id", accountId, cancellation);
        var unlinked = await ExecuteAsync(change, "update cards set account_id = null where account_id = @id", accountId, cancellation);
        await using (var close = change.Command($"""
            update accounts set {ClearedContacts},
                status = 'closed', status_changed_at = case when status = 'closed' then status_changed_at else @at end,
                status_reason = 'erased on the passenger''s request'
            where account_id = @id
            """))
        {
            await close.With("id", accountId).With("at", change.Now).ExecuteNonQueryAsync(cancellation);
        }

        var erased = new Erased(accountId, "closed", unlinked, trips, tokens, feedback);
        await change.AuditAsync("account.erase", LedgerAccounts.Account(accountId), "data subject's erasure request",
            JsonSerializer.Serialize(erased, ChangeOutcome.Json), cancellation);
        return new ChangeResult(StatusCodes.Status200OK, erased);
    }

    private static async Task<int> ExecuteAsync(ChangeContext change, string sql, long accountId, CancellationToken cancellation)
    {
        await using var command = change.Command(sql);
        return await command.With("id", accountId).ExecuteNonQueryAsync(cancellation);
    }
}
