using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Fleet;

namespace Backend.Ingest.Downlink;

/// <summary>
/// When each terminal was first seen holding each fare table and blacklist version (<c>downlink_sightings</c>), and
/// from that which terminals have taken a version and when: a terminal holds version v once it reports v or a later
/// one (both items are cumulative), and took it at the first report of any such version.
/// </summary>
public sealed class DownlinkSightings(DbDataSource dataSource)
{
    public const string FareTable = "fare_table";
    public const string Blacklist = "blacklist";

    /// <summary>A terminal, whether it holds the version, and when it was first seen holding it (null if not yet, or before sightings were kept).</summary>
    public sealed record Holder(uint TerminalId, bool Holds, DateTimeOffset? TakenAt);

    /// <summary>Keeps the versions a status report carries, once per terminal and version (a repeat changes nothing).</summary>
    public static async Task RecordAsync(DbDataSource dataSource, TerminalStatusReport report, CancellationToken cancellation)
    {
        if (!report.Online)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            insert into downlink_sightings (terminal_id, item, version, first_seen_at)
            values (@terminal, 'fare_table', @fare_table, @seen), (@terminal, 'blacklist', @blacklist, @seen)
            on conflict (terminal_id, item, version) do nothing
            """);
        await command.With("terminal", (long)report.TerminalId).With("fare_table", report.FareTableVersion)
            .With("blacklist", report.BlacklistVersion).With("seen", report.ReceivedAt.ToUnixTimeMilliseconds())
            .ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>
    /// For each of <paramref name="versions"/> of <paramref name="item"/>, every known terminal (by id) with when it took
    /// that version, or null if it does not hold it yet.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<Holder>>> HoldersAsync(string item, IReadOnlyCollection<long> versions, CancellationToken cancellation)
    {
        var terminals = new List<(uint Id, long Held)>();
        var firstSeen = new List<(uint Id, long Version, long At)>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"select terminal_id, {(item == FareTable ? "fare_table_version" : "blacklist_version")} from terminal_status order by terminal_id";
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                terminals.Add(((uint)reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "select terminal_id, version, first_seen_at from downlink_sightings where item = @item order by terminal_id, version";
            await using var reader = await command.With("item", item).ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                firstSeen.Add(((uint)reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        var holders = new Dictionary<long, IReadOnlyList<Holder>>();
        foreach (var version in versions)
        {
            holders[version] = terminals.Select(terminal => new Holder(terminal.Id, terminal.Held >= version, terminal.Held < version ? null
                : firstSeen.Where(seen => seen.Id == terminal.Id && seen.Version >= version).Select(seen => (long?)seen.At).Min() is { } at
                    ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null)).ToList();
        }

        return holders;
    }
}
