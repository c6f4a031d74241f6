using System.Data.Common;
using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// One pass of the reconciliation: read the records past every terminal's cursor and the facts of their cards,
/// run the rules, then in ONE transaction move the cursors (compare-and-set: a second process that read the same
/// records loses and commits nothing), store the findings (each once, by its dedup key; none while the same rule
/// already has an open finding on the card or account) and block the cards the policy blocks, each listed in a
/// new blacklist version. A failure anywhere rolls everything back: the records are examined again next pass.
/// </summary>
public sealed class ReconciliationEngine(
    DbDataSource dataSource, ReconciliationReader reader, CardBlocker blocker, IOptions<ReconciliationOptions> options, TimeProvider clock)
{
    public const string Actor = "reconciliation";

    private readonly FraudRules _rules = new(options.Value);

    public async Task<PassOutcome> RunPassAsync(CancellationToken cancellation)
    {
        var window = await reader.ReadNewAsync(options.Value.RecordsPerPass, cancellation);
        if (window.IsEmpty)
        {
            return PassOutcome.Idle;
        }

        var facts = await reader.ReadFactsAsync(window.Records, cancellation);
        var drafts = window.Records.SelectMany(r => _rules.Examine(r, facts))
            .DistinctBy(d => d.DedupKey).DistinctBy(d => (d.Rule, d.Subject)).ToList();

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        foreach (var move in window.Moves)
        {
            if (!await MoveCursorAsync(connection, transaction, move, now, cancellation))
            {
                await transaction.RollbackAsync(cancellation);
                return new PassOutcome(0, 0, 0, null, LostRace: true);
            }
        }

        var change = new ChangeContext(connection, transaction, ChangeRequests.Internal("reconciliation.pass", Actor, new { window.Records.Count }), now);
        var stored = 0;
        var blocked = 0;
        uint? version = null;
        foreach (var draft in drafts)
        {
            var action = options.Value.ActionFor(draft.Rule);
            if (await StoreAsync(connection, transaction, draft, action, now, cancellation) is not { } findingId)
            {
                continue;
            }

            stored++;
            if (action == FindingAction.Block && await blocker.BlockAsync(change, draft.CardUid!, findingId, draft.Rule.Name, cancellation) is { } listed)
            {
                blocked++;
                version = listed;
            }
        }

        await transaction.CommitAsync(cancellation);
        return new PassOutcome(window.Records.Count, stored, blocked, version, LostRace: false);
    }

    private static async Task<bool> MoveCursorAsync(DbConnection connection, DbTransaction transaction, CursorMove move, long now, CancellationToken cancellation)
    {
        await using var command = connection.CommandIn(transaction, """
            insert into reconciliation_cursors (terminal_id, examined_through, examined_at) values (@terminal, @to, @now)
            on conflict (terminal_id) do update set examined_through = excluded.examined_through, examined_at = excluded.examined_at
            where reconciliation_cursors.examined_through = @from
            """);
        command.With("terminal", (long)move.Terminal).With("to", move.To).With("now", now).With("from", move.From);
        return await command.ExecuteNonQueryAsync(cancellation) == 1;
    }

    /// <summary>The new finding's id, or null when its cause is already stored or the rule has an open finding on the subject.</summary>
    private static async Task<long?> StoreAsync(
        DbConnection connection, DbTransaction transaction, FindingDraft draft, FindingAction action, long now, CancellationToken cancellation)
    {
        await using (var open = connection.CommandIn(transaction,
            "select count(*) from findings where rule = @rule and status = 'open' and (card_uid = @card or account_id = @account)"))
        {
            open.With("rule", draft.Rule.Name).With("card", draft.CardUid).With("account", (long?)draft.AccountId);
            if (Convert.ToInt64(await open.ExecuteScalarAsync(cancellation)) > 0)
            {
                return null;
            }
        }

        var blocks = action == FindingAction.Block;
        await using var insert = connection.CommandIn(transaction, """
            insert into findings (rule, card_uid, account_id, severity, action, status, dedup_key, evidence, created_at, decided_by, decided_at, decision_reason)
            values (@rule, @card, @account, @severity, @action, @status, @key, @evidence, @now, @decided_by, @decided_at, @decision_reason)
            on conflict (dedup_key) do nothing
            returning finding_id
            """);
        insert.With("rule", draft.Rule.Name).With("card", draft.CardUid).With("account", (long?)draft.AccountId)
            .With("severity", draft.Rule.Severity).With("action", blocks ? "block" : "review").With("status", blocks ? "confirmed" : "open")
            .With("key", draft.DedupKey).With("evidence", JsonSerializer.Serialize(draft.Evidence, FindingJson.Options)).With("now", now)
            .With("decided_by", blocks ? Actor : null).With("decided_at", blocks ? now : null)
            .With("decision_reason", blocks ? $"blocked automatically: the policy of {draft.Rule.Name} is Block" : null);
        return await insert.ExecuteScalarAsync(cancellation) is { } id and not DBNull ? Convert.ToInt64(id) : null;
    }
}
