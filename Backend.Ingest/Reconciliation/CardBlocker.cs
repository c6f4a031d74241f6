using System.Data.Common;
using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Downlink;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// The one place a finding blocks a card: the registry row becomes <c>blocked</c> with the finding as its reason
/// and an audit row, in the caller's transaction; once that commits, <see cref="Publish"/> lists the cards in a
/// new blacklist version, which every bus fetches at its next status. The blacklist lives in
/// <see cref="DownlinkCatalog"/> (memory) today; when it moves to the database this class is what changes.
/// </summary>
public sealed class CardBlocker(DownlinkCatalog catalog, DbDataSource dataSource, ILogger<CardBlocker> log)
{
    /// <summary>The blacklist reason a terminal shows for a card blocked on a finding (1 is a card reported lost).</summary>
    public const byte BlacklistReason = 2;

    /// <summary>Every card this class blocked has a status reason starting so: how <see cref="RepublishAsync"/> finds them.</summary>
    public const string ReasonPrefix = "finding ";

    /// <summary>
    /// Blocks an active card; a UID the registry never held (a forged card) has no row to change but is blocked
    /// all the same, on the blacklist. False (and nothing written) for a registered card that is not active
    /// (already blocked, lost, refunded...).
    /// </summary>
    public async Task<bool> BlockAsync(
        DbConnection connection, DbTransaction transaction, string uid, long findingId, string rule, string actor, long now, CancellationToken cancellation)
    {
        var reason = $"{ReasonPrefix}{findingId} ({rule})";
        var from = "active";
        await using (var update = connection.CommandIn(transaction, """
            update cards set status = 'blocked', status_changed_at = @now, status_reason = @reason where uid = @uid and status = 'active'
            """))
        {
            update.With("now", now).With("reason", reason).With("uid", uid);
            if (await update.ExecuteNonQueryAsync(cancellation) == 0)
            {
                await using var registered = connection.CommandIn(transaction, "select count(*) from cards where uid = @uid");
                registered.With("uid", uid);
                if (Convert.ToInt64(await registered.ExecuteScalarAsync(cancellation)) > 0)
                {
                    return false;
                }

                from = "unregistered";
            }
        }

        await using var audit = connection.CommandIn(transaction, """
            insert into audit_log (at, actor, action, subject, reason, detail) values (@at, @actor, 'card.block', @subject, @reason, @detail)
            """);
        audit.With("at", now).With("actor", actor).With("subject", $"card:{uid}").With("reason", reason)
            .With("detail", JsonSerializer.Serialize(new { findingId, rule, from, to = "blocked" }));
        await audit.ExecuteNonQueryAsync(cancellation);
        return true;
    }

    /// <summary>Lists the cards (blocked by committed transactions) in one new blacklist version; returns it, or null for no cards.</summary>
    public uint? Publish(IReadOnlyCollection<string> uids)
    {
        if (uids.Count == 0)
        {
            return null;
        }

        var version = catalog.PublishBlacklist(uids.Select(uid => BlacklistChange.ListCard(Convert.FromHexString(uid), BlacklistReason)));
        log.LogWarning("Blacklist version {Version} lists {Count} card(s) blocked on findings: {Cards}", version, uids.Count, string.Join(", ", uids));
        return version;
    }

    /// <summary>
    /// Lists again every card a finding blocked that the blacklist does not hold (registered cards by their
    /// status reason, forged ones by their confirmed finding): the in-memory catalog starts empty, and a process
    /// may stop between a block's commit and its publication.
    /// </summary>
    public async Task<uint?> RepublishAsync(CancellationToken cancellation)
    {
        var listed = catalog.Snapshot().Listings.Select(l => l.KeyHex).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        await using (var command = dataSource.CreateCommand("""
            select uid from cards where status = 'blocked' and status_reason like @prefix
            union
            select card_uid from findings where rule = 'unregistered_card' and status = 'confirmed' and card_uid not in (select uid from cards)
            """))
        {
            command.With("prefix", ReasonPrefix + "%");
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                if (!listed.Contains(reader.GetString(0)))
                {
                    missing.Add(reader.GetString(0));
                }
            }
        }

        return Publish(missing);
    }
}
