using System.Data.Common;
using System.Globalization;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Terminal.Firmware.Blacklist;

namespace Backend.Ingest.Downlink;

/// <summary>
/// Publishes blacklist versions inside a change (<see cref="ChangeContext"/>): the next version number, its change
/// set, the listings it leaves, and its audit row, all in the change's transaction. Any backend code that changes
/// the fleet's blacklist goes through here: the card block endpoints, and rules such as the reconciliation's
/// automatic block of a clone. Terminals get the version at their next status once the change has committed and the
/// catalog has read it (<see cref="DownlinkCatalog.RefreshAsync"/>, within a second).
/// </summary>
public static class BlacklistPublisher
{
    /// <summary>Lists card <paramref name="uid"/> (hex, 4, 7 or 10 bytes) with <paramref name="reason"/> 1..255 (<see cref="BlacklistReasons"/>); returns the version.</summary>
    public static Task<uint> ListCardAsync(ChangeContext change, string uid, byte reason, string why, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfZero(reason);
        return PublishAsync(change, [BlacklistChange.ListCard(Convert.FromHexString(uid), reason)], why, cancellation);
    }

    /// <summary>Takes card <paramref name="uid"/> off the list in a new version; returns the version.</summary>
    public static Task<uint> UnlistCardAsync(ChangeContext change, string uid, string why, CancellationToken cancellation) =>
        PublishAsync(change, [BlacklistChange.RemoveCard(Convert.FromHexString(uid))], why, cancellation);

    /// <summary>Publishes the next version made of <paramref name="changes"/> (within it the last change of a key wins); returns its number.</summary>
    public static async Task<uint> PublishAsync(ChangeContext change, IEnumerable<BlacklistChange> changes, string why, CancellationToken cancellation)
    {
        var settled = Settle(changes);
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        uint version = await DownlinkHeads.NextAsync(change, DownlinkHeads.Blacklist, cancellation);
        await using (var header = change.Command("""
            insert into blacklist_versions (version, published_at, published_by, reason, changes) values (@version, @at, @by, @why, @changes)
            """))
        {
            await header.With("version", (long)version).With("at", change.Now).With("by", change.Request.Actor).With("why", why)
                .With("changes", settled.Count).ExecuteNonQueryAsync(cancellation);
        }

        await using var record = change.Command("insert into blacklist_changes (version, kind, entry_key, reason) values (@version, @kind, @key, @reason)");
        await using var list = change.Command("""
            insert into blacklist_listings (kind, entry_key, reason, listed_version, listed_at, listed_by, why)
            values (@kind, @key, @reason, @version, @at, @by, @why)
            on conflict (kind, entry_key) do update set reason = excluded.reason, listed_version = excluded.listed_version,
                listed_at = excluded.listed_at, listed_by = excluded.listed_by, why = excluded.why
            """);
        await using var unlist = change.Command("delete from blacklist_listings where kind = @kind and entry_key = @key");
        foreach (var entry in settled)
        {
            await Parameters(record, version, entry).ExecuteNonQueryAsync(cancellation);
            var listing = entry.Reason == 0 ? unlist : list;
            listing.Parameters.Clear();
            listing.With("kind", (int)entry.Kind).With("key", entry.KeyHex);
            if (entry.Reason != 0)
            {
                listing.With("reason", (int)entry.Reason).With("version", (long)version).With("at", change.Now).With("by", change.Request.Actor).With("why", why);
            }

            await listing.ExecuteNonQueryAsync(cancellation);
        }

        await change.AuditAsync("blacklist.publish", $"blacklist:{version}", why, Describe(settled), cancellation);
        return version;
    }

    private static DbCommand Parameters(DbCommand command, uint version, BlacklistChange entry)
    {
        command.Parameters.Clear();
        return command.With("version", (long)version).With("kind", (int)entry.Kind).With("key", entry.KeyHex).With("reason", (int)entry.Reason);
    }

    /// <summary>Checks every key's length for its kind, and keeps the last change of each key, in first-seen order.</summary>
    private static List<BlacklistChange> Settle(IEnumerable<BlacklistChange> changes)
    {
        var settled = new Dictionary<(BlacklistKind, string), BlacklistChange>();
        var order = new List<(BlacklistKind, string)>();
        foreach (var entry in changes)
        {
            if ((int)entry.Kind is < 0 or >= BlacklistKinds.Count || entry.Key.Length != BlacklistKinds.KeyBytes((int)entry.Kind))
            {
                throw new ArgumentException($"A {entry.Kind} key is {BlacklistKinds.KeyBytes((int)entry.Kind)} bytes, not {entry.Key.Length}.", nameof(changes));
            }

            var key = (entry.Kind, entry.KeyHex);
            if (settled.TryAdd(key, entry))
            {
                order.Add(key);
            }
            else
            {
                settled[key] = entry;
            }
        }

        return settled.Count > 0 ? order.Select(k => settled[k]).ToList() : throw new ArgumentException("A blacklist version changes at least one key.", nameof(changes));
    }

    private static string Describe(List<BlacklistChange> settled)
    {
        var shown = settled.Take(20).Select(c => c.Reason == 0
            ? $"remove {c.Kind} {c.KeyHex}"
            : string.Create(CultureInfo.InvariantCulture, $"list {c.Kind} {c.KeyHex} reason {c.Reason}"));
        return string.Join("; ", shown) + (settled.Count > 20 ? $"; and {settled.Count - 20} more" : "");
    }
}
