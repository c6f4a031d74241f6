using System.Data.Common;
using System.Globalization;
using Backend.Ingest.Api;
using Backend.Ingest.Broker;
using Backend.Ingest.Fleet;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Dashboard;

/// <summary>
/// The dashboard's alarms, read from the findings, the terminals' last statuses and the published downlink
/// versions, and the embedded broker's drops. Only terminals online now are judged on versions, backlog and clock: an offline one is counted as
/// offline, and what it holds is unknown until it reports again.
/// </summary>
/// <param name="broker">The embedded broker's counters; always 0 in Production, where Mosquitto counts its own drops ($SYS).</param>
public sealed class FleetAlarms(DbDataSource dataSource, IOptions<DashboardOptions> options, IOptions<FleetOptions> fleet, BrokerCounters broker)
{
    public async Task<IReadOnlyList<DashboardAlarm>> ListAsync(DateTimeOffset now, CancellationToken cancellation)
    {
        var alarms = new List<DashboardAlarm>();
        alarms.AddRange(await FindingsAsync(cancellation));
        if (broker.DroppedMessages is > 0 and var dropped)
        {
            alarms.Add(new DashboardAlarm("broker-drops", "high", null, string.Create(CultureInfo.InvariantCulture,
                $"The embedded broker dropped {dropped:N0} messages it had confirmed to their terminals: its queue (Backend:Broker:Embedded:MaxQueuedMessagesPerClient) is too small for the fleet; each drop costs a terminal an ack timeout.")));
        }

        var settings = options.Value;
        var cutoff = now.AddMinutes(-settings.StaleMinutes).ToUnixTimeMilliseconds();
        var fareTable = await PublishedByAsync("fare_table_versions", cutoff, cancellation);
        var blacklist = await PublishedByAsync("blacklist_versions", cutoff, cancellation);
        await using var command = dataSource.CreateCommand("""
            select terminal_id, online, last_seen_at, fare_table_version, blacklist_version, journal_backlog,
                   clock_skew_seconds, backlog_mark, backlog_mark_at
            from terminal_status order by terminal_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var terminal = (uint)reader.GetInt64(0);
            var lastSeen = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
            if (!reader.GetBoolean(1) || now - lastSeen > fleet.Value.OnlineWindow)
            {
                continue;
            }

            if (reader.GetInt64(3) < fareTable)
            {
                alarms.Add(new DashboardAlarm("fare-table", "medium", terminal,
                    $"Terminal {terminal} holds fare table {reader.GetInt64(3)}; version {fareTable} was published more than {settings.StaleMinutes} minutes ago."));
            }

            if (reader.GetInt64(4) < blacklist)
            {
                alarms.Add(new DashboardAlarm("blacklist", "high", terminal,
                    $"Terminal {terminal} holds blacklist {reader.GetInt64(4)}; version {blacklist} was published more than {settings.StaleMinutes} minutes ago."));
            }

            var backlog = reader.GetInt32(5);
            if (!reader.IsDBNull(7) && backlog >= settings.BacklogAlarmRecords && backlog > reader.GetInt32(7))
            {
                var since = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8));
                alarms.Add(new DashboardAlarm("backlog", "medium", terminal, string.Create(CultureInfo.InvariantCulture,
                    $"Terminal {terminal}'s journal backlog grew from {reader.GetInt32(7)} to {backlog} records since {since:HH:mm} UTC: its uploads are not being acknowledged.")));
            }

            if (!reader.IsDBNull(6) && Math.Abs(reader.GetInt64(6)) > settings.ClockDriftSeconds)
            {
                var skew = reader.GetInt64(6);
                alarms.Add(new DashboardAlarm("clock", "medium", terminal,
                    $"Terminal {terminal}'s clock is {Math.Abs(skew)} s {(skew > 0 ? "ahead of" : "behind")} the backend's: its fares and time windows are priced at the wrong time."));
            }
        }

        return alarms;
    }

    private async Task<IEnumerable<DashboardAlarm>> FindingsAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("select severity, count(*) from findings where status = 'open' group by severity");
        var open = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            open[reader.GetString(0)] = reader.GetInt64(1);
        }

        var total = open.Values.Sum();
        return total == 0 ? [] :
        [
            new DashboardAlarm("findings", open.ContainsKey("high") ? "high" : "medium", null,
                $"{total} open reconciliation finding{(total == 1 ? "" : "s")} ({string.Join(", ", open.OrderBy(pair => pair.Key).Select(pair => $"{pair.Value} {pair.Key}"))}) wait for review."),
        ];
    }

    /// <summary>The newest version of <paramref name="table"/> published at or before <paramref name="cutoff"/> (unix ms), 0 when none.</summary>
    private async Task<long> PublishedByAsync(string table, long cutoff, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select coalesce(max(version), 0) from {table} where published_at <= @cutoff");
        command.With("cutoff", cutoff);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }
}
