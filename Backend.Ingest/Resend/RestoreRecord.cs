using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Backup;
using Backend.Ingest.Changes;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;

namespace Backend.Ingest.Resend;

/// <summary>
/// What the restore command writes into the database it restored, in one audited change: the restore (its resend
/// number, time and the backup's point) and a Resend request for every terminal the database knows, from its
/// restored high-water mark + 1, and from sequence 1 for a terminal provisioned or seen reporting but without a
/// stored record. The backend sends them when it starts (<see cref="ResendAsker"/>). Written while the backend is
/// stopped, so no upload raises a high-water mark between the restore and the plan.
/// </summary>
public static class RestoreRecord
{
    public sealed record Planned(long ResendNumber, int Terminals);

    /// <summary>The highest resend number <paramref name="database"/> holds; 0 when it has none or no such table (before the restore replaces it).</summary>
    public static long HighestNumber(StoreDatabase database)
    {
        try
        {
            using var dataSource = database.CreateDataSource();
            using var command = dataSource.CreateCommand("select coalesce(max(resend_number), 0) from restores");
            return Convert.ToInt64(command.ExecuteScalar());
        }
        catch (DbException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Brings the restored database to the current schema (the backup may predate migrations) and records the restore.
    /// <paramref name="seenBefore"/> is <see cref="HighestNumber"/> of the database the restore replaced.
    /// </summary>
    public static async Task<Planned> WriteAsync(
        StoreDatabase database, BackupManifest manifest, long seenBefore, IReadOnlyCollection<uint> provisioned, string actor, TimeProvider clock,
        CancellationToken cancellation = default)
    {
        SchemaMigrator.Migrate(database);
        await using var dataSource = database.CreateDataSource();
        var runner = new ChangeRunner(dataSource, clock);
        Planned? planned = null;
        var outcome = await runner.RunAsync(ChangeRequests.Internal("backup.restore", actor, new { manifest.TakenAt, manifest.PayloadSha256 }), async change =>
        {
            long number = await ResendRequests.NextNumberAsync(change, Math.Max(seenBefore + 1, change.Now / 1000), cancellation);
            await using (var insert = change.Command("""
                insert into restores (resend_number, restored_at, backup_taken_at, backup_schema, restored_by)
                values (@number, @at, @taken, @schema, @by)
                """))
            {
                await insert.With("number", number).With("at", change.Now).With("taken", manifest.TakenAt.ToUnixTimeMilliseconds())
                    .With("schema", manifest.SchemaVersion).With("by", actor).ExecuteNonQueryAsync(cancellation);
            }

            var terminals = await KnownTerminalsAsync(change, provisioned, cancellation);
            foreach (var (terminal, highWater) in terminals)
            {
                await ResendRequests.AddAsync(change, number, terminal, highWater + 1, ResendRequests.RestoreCause, null, cancellation);
            }

            await change.AuditAsync("backup.restore", "database", null,
                $"backup taken {manifest.TakenAt:u} (schema {manifest.SchemaVersion}); resend number {number} asks {terminals.Count} terminals to upload again",
                cancellation);
            planned = new Planned(number, terminals.Count);
            return new ChangeResult(StatusCodes.Status200OK, planned);
        }, cancellation);
        return planned ?? throw new InvalidOperationException($"recording the restore failed: {outcome.Body}");
    }

    /// <summary>Each terminal with its restored high-water mark; 0 for one provisioned or seen reporting without a stored record.</summary>
    private static async Task<SortedDictionary<uint, long>> KnownTerminalsAsync(
        ChangeContext change, IReadOnlyCollection<uint> provisioned, CancellationToken cancellation)
    {
        var terminals = new SortedDictionary<uint, long>();
        foreach (var id in provisioned)
        {
            terminals[id] = 0;
        }

        await using (var seen = change.Command("select terminal_id from terminal_status"))
        await using (var reader = await seen.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                terminals[(uint)Convert.ToInt64(reader.GetValue(0))] = 0;
            }
        }

        await using (var stored = change.Command("select terminal_id, high_water from terminals"))
        await using (var reader = await stored.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                terminals[(uint)Convert.ToInt64(reader.GetValue(0))] = Convert.ToInt64(reader.GetValue(1));
            }
        }

        return terminals;
    }
}
