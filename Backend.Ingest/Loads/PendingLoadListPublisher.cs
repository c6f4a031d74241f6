using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Loads;

namespace Backend.Ingest.Loads;

/// <summary>
/// Turns <c>pending_loads</c> into versions of the fleet's list (docs/pending-loads.md), inside a change: numbers
/// each new pending load on its card, then compares the list the terminals should hold (per card, its oldest pending
/// load) with the latest version's entries and, when they differ, publishes the next version: its change section
/// (the firmware's <see cref="PendingLoadBody"/>), the new entries and an audit row. A load leaves the list once it
/// is applied, withdrawn or expired, and the card's next pending load takes its place.
/// </summary>
public static class PendingLoadListPublisher
{
    public const int MaxLoadNumber = 0xFFFF;

    /// <summary>The version published, or null when the list already matches <c>pending_loads</c>.</summary>
    public static async Task<uint?> PublishAsync(ChangeContext change, CancellationToken cancellation)
    {
        await NumberNewLoadsAsync(change, cancellation);
        var wanted = await WantedAsync(change, cancellation);
        var listed = await ListedAsync(change, cancellation);
        var added = wanted.Values.Where(w => !listed.TryGetValue(w.CardUid, out var l) || l.LoadId != w.LoadId).OrderBy(w => w.CardUid, StringComparer.Ordinal).ToList();
        var removed = listed.Keys.Where(card => !wanted.ContainsKey(card)).Order(StringComparer.Ordinal).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return null;
        }

        var section = new PendingLoadChanges();
        foreach (var entry in added)
        {
            var uid = Convert.FromHexString(entry.CardUid);
            section.Add(uid, 0, uid.Length, entry.LoadNumber, (int)entry.Amount);
        }

        foreach (var card in removed)
        {
            var uid = Convert.FromHexString(card);
            section.Remove(uid, 0, uid.Length);
        }

        var bytes = new byte[PendingLoadBody.SectionLength(section)];
        PendingLoadBody.WriteSection(section, bytes, 0);
        uint version;
        await using (var head = change.Command("select coalesce(max(version), 0) + 1 from pending_load_list_versions"))
        {
            version = (uint)Convert.ToInt64(await head.ExecuteScalarAsync(cancellation));
        }

        await using (var insert = change.Command("insert into pending_load_list_versions (version, published_at, changes, section) values (@version, @at, @changes, @section)"))
        {
            await insert.With("version", (long)version).With("at", change.Now).With("changes", section.Count).With("section", bytes).ExecuteNonQueryAsync(cancellation);
        }

        await using var upsert = change.Command("""
            insert into pending_load_list_entries (card_uid, load_id, load_number, amount, listed_version) values (@card, @load, @number, @amount, @version)
            on conflict (card_uid) do update set load_id = excluded.load_id, load_number = excluded.load_number, amount = excluded.amount,
                listed_version = excluded.listed_version
            """);
        foreach (var entry in added)
        {
            upsert.Parameters.Clear();
            await upsert.With("card", entry.CardUid).With("load", entry.LoadId).With("number", entry.LoadNumber).With("amount", entry.Amount)
                .With("version", (long)version).ExecuteNonQueryAsync(cancellation);
        }

        await using var delete = change.Command("delete from pending_load_list_entries where card_uid = @card");
        foreach (var card in removed)
        {
            delete.Parameters.Clear();
            await delete.With("card", card).ExecuteNonQueryAsync(cancellation);
        }

        await change.AuditAsync("loads.publish", $"pending_loads:{version}", "the fleet's list follows pending_loads",
            $"{added.Count} listed ({string.Join(", ", added.Take(10).Select(a => $"load {a.LoadId} for {a.CardUid}"))}), {removed.Count} removed", cancellation);
        return version;
    }

    /// <summary>Gives every pending load without a number the card's next one, in load order.</summary>
    private static async Task NumberNewLoadsAsync(ChangeContext change, CancellationToken cancellation)
    {
        var unnumbered = new List<(long LoadId, string CardUid)>();
        await using (var select = change.Command("""
            select p.load_id, p.card_uid from pending_loads p left join pending_load_numbers n on n.load_id = p.load_id
            where p.status = 'pending' and n.load_id is null order by p.load_id
            """))
        await using (var reader = await select.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                unnumbered.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        await using var insert = change.Command("""
            insert into pending_load_numbers (load_id, card_uid, load_number)
            select @load, @card, coalesce(max(load_number), 0) + 1 from pending_load_numbers where card_uid = @card
            """);
        foreach (var (loadId, card) in unnumbered)
        {
            insert.Parameters.Clear();
            await insert.With("load", loadId).With("card", card).ExecuteNonQueryAsync(cancellation);
        }
    }

    /// <summary>Per card, its oldest pending load that fits the list (an amount a journal record carries).</summary>
    private static async Task<Dictionary<string, ListEntry>> WantedAsync(ChangeContext change, CancellationToken cancellation)
    {
        var wanted = new Dictionary<string, ListEntry>(StringComparer.Ordinal);
        await using var select = change.Command("""
            select p.card_uid, p.load_id, n.load_number, p.amount from pending_loads p join pending_load_numbers n on n.load_id = p.load_id
            where p.status = 'pending' and p.amount <= @max order by p.load_id
            """);
        select.With("max", (long)PendingLoadList.MaxAmount);
        await using var reader = await select.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var entry = new ListEntry(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3));
            wanted.TryAdd(entry.CardUid, entry);
        }

        return wanted;
    }

    private static async Task<Dictionary<string, ListEntry>> ListedAsync(ChangeContext change, CancellationToken cancellation)
    {
        var listed = new Dictionary<string, ListEntry>(StringComparer.Ordinal);
        await using var select = change.Command("select card_uid, load_id, load_number, amount from pending_load_list_entries");
        await using var reader = await select.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            listed[reader.GetString(0)] = new ListEntry(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3));
        }

        return listed;
    }

    private sealed record ListEntry(string CardUid, long LoadId, int LoadNumber, long Amount);
}
