using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Ledger;

/// <summary>
/// Posts the transfers of a desk or operator change, in that change's transaction. The source is the request's
/// idempotency key (<c>request:{key}</c>) and the leg: the unique index ledger_transfers_key makes a second posting
/// of one request impossible even if the idempotency check were bypassed.
/// </summary>
internal static class LedgerTransferWriter
{
    public static Task PostAsync(ChangeContext change, LedgerPosting posting, int leg, CancellationToken cancellation) =>
        PostAsync(change, posting, SourceKey(change.Request), leg, cancellation);

    /// <summary>
    /// Posts under a source key of the caller's (e.g. <c>load:{id}</c>), for a transfer that belongs to a thing
    /// rather than to the request that moved it: whichever request posts a leg, the unique index lets it post once.
    /// </summary>
    public static async Task PostAsync(ChangeContext change, LedgerPosting posting, string sourceKey, int leg, CancellationToken cancellation)
    {
        await using var command = change.Command("""
            insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, leg, occurred_at, posted_at)
            values (@kind, @debit, @credit, @amount, @key, @leg, @at, @at)
            """);
        command.With("kind", posting.Kind).With("debit", posting.DebitAccount).With("credit", posting.CreditAccount)
            .With("amount", posting.Amount).With("key", sourceKey).With("leg", leg).With("at", change.Now);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public static string SourceKey(ChangeRequest request) => "request:" + request.IdempotencyKey;
}
