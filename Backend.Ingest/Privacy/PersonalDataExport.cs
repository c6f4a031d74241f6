using System.Data.Common;
using Backend.Ingest.Accounts;
using Backend.Ingest.Api;
using Backend.Ingest.Cards;
using Backend.Ingest.Changes;
using Backend.Ingest.CustomerService;
using Backend.Ingest.Ledger;

namespace Backend.Ingest.Privacy;

/// <summary>
/// Everything the backend holds about one passenger (GDPR Art. 15 and 20), as one JSON document: the account with its
/// contact details opened, its cards with their balances, the travel records of its cards and QR tokens, the ledger
/// transfers of the account and of each card (loads, charges, refunds), online top-ups, QR tokens and the feedback
/// sent about its cards.
/// </summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    AccountRecord Account,
    long Balance,
    IReadOnlyList<PersonalDataExport.Card> Cards,
    IReadOnlyList<TransactionView> Trips,
    IReadOnlyList<LedgerTransferView> Transfers,
    IReadOnlyList<AccountActivity.TopUp> TopUps,
    IReadOnlyList<AccountActivity.QrTokenIssued> QrTokens,
    IReadOnlyList<PersonalDataExport.FeedbackSent> Feedback)
{
    /// <summary>More rows of one kind than any passenger makes in the retention period; an export is never cut short below it.</summary>
    public const int MaxRows = 100_000;

    public sealed record Card(CardRecord Registration, long Balance);

    public sealed record FeedbackSent(long FeedbackId, DateTimeOffset SubmittedAt, string Topic, string Message, string? Contact, string? CardUid, string Status);

    /// <summary>
    /// The export of <paramref name="accountId"/> for the staff member of <paramref name="http"/>, audited as
    /// <c>account.export</c> under a fresh key (every export is a new disclosure); null when there is no such account.
    /// </summary>
    internal static async Task<PersonalDataExport?> DiscloseAsync(
        HttpContext http, ChangeRunner runner, DbDataSource dataSource, ContactVault vault, FareQueries fares, LedgerQueries ledger, long accountId,
        DateTimeOffset now, CancellationToken cancellation)
    {
        if (await BuildAsync(dataSource, vault, fares, ledger, accountId, now, cancellation) is not { } export)
        {
            return null;
        }

        // The audit row says what was disclosed, not the data: the stored answer is the summary, the export goes to the desk only.
        var summary = new { accountId, cards = export.Cards.Count, trips = export.Trips.Count, transfers = export.Transfers.Count, feedback = export.Feedback.Count };
        await runner.RunAsync(ChangeRequests.For(http, $"account.export:{Guid.NewGuid():N}", "account.export", new { accountId }), async change =>
        {
            await change.AuditAsync("account.export", LedgerAccounts.Account(accountId), "data subject's access request",
                System.Text.Json.JsonSerializer.Serialize(summary), cancellation);
            return new ChangeResult(StatusCodes.Status200OK, summary);
        }, cancellation);
        return export;
    }

    /// <summary>The export of <paramref name="accountId"/>, or null when there is no such account.</summary>
    internal static async Task<PersonalDataExport?> BuildAsync(
        DbDataSource dataSource, ContactVault vault, FareQueries fares, LedgerQueries ledger, long accountId, DateTimeOffset now, CancellationToken cancellation)
    {
        AccountRecord? account;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellation))
        {
            account = await AccountRegistry.FindAsync(connection, null, vault, accountId, cancellation);
        }

        if (account is null)
        {
            return null;
        }

        var code = LedgerAccounts.Account(accountId);
        var cards = new List<Card>();
        var trips = new List<TransactionView>(await fares.AccountHistoryAsync(accountId, MaxRows, cancellation));
        var transfers = new List<LedgerTransferView>(await ledger.TransfersAsync(code, MaxRows, cancellation));
        foreach (var card in await CardRegistry.OfAccountAsync(dataSource, accountId, cancellation))
        {
            var cardCode = LedgerAccounts.Card(card.Uid);
            cards.Add(new Card(card, await ledger.BalanceAsync(cardCode, cancellation)));
            trips.AddRange(await fares.CardHistoryAsync(card.Uid, MaxRows, cancellation));
            transfers.AddRange(await ledger.TransfersAsync(cardCode, MaxRows, cancellation));
        }

        return new PersonalDataExport(
            now, account, await ledger.BalanceAsync(code, cancellation), cards,
            trips.OrderByDescending(trip => trip.RecordedAt).ToList(),
            transfers.DistinctBy(transfer => transfer.TransferId).OrderByDescending(transfer => transfer.TransferId).ToList(),
            await AccountActivity.TopUpsAsync(dataSource, accountId, cancellation, MaxRows),
            await AccountActivity.QrTokensAsync(dataSource, accountId, cancellation, MaxRows),
            await FeedbackAsync(dataSource, accountId, cancellation));
    }

    private static async Task<IReadOnlyList<FeedbackSent>> FeedbackAsync(DbDataSource dataSource, long accountId, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("""
            select feedback_id, submitted_at, topic, message, contact, card_uid, status from feedback
            where card_uid in (select uid from cards where account_id = @account) order by feedback_id limit @rows
            """);
        command.With("account", accountId).With("rows", MaxRows);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var sent = new List<FeedbackSent>();
        while (await reader.ReadAsync(cancellation))
        {
            sent.Add(new FeedbackSent(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6)));
        }

        return sent;
    }
}
