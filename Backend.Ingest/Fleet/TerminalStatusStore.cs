using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Downlink;

namespace Backend.Ingest.Fleet;

/// <summary>
/// The <c>terminal_status</c> table: one row per terminal, its last status report or the broker's "offline" will.
/// The SQL is the same on SQLite and PostgreSQL (both spell upserts <c>on conflict ... do update ... where</c>);
/// each call borrows a connection from the data source, so the status consumer and the API share the store safely.
/// Reports processed out of order never roll a row back: an older report or will than the row holds is ignored.
/// Each report also records the terminal's clock skew, and keeps a backlog mark for the dashboard's alarm: the
/// backlog of an earlier report, taken again from the report before once the mark is older than
/// <see cref="BacklogMarkWindow"/>, so a backlog above its mark has grown over the last minutes.
/// </summary>
public sealed class TerminalStatusStore(DbDataSource dataSource)
{
    public static readonly TimeSpan BacklogMarkWindow = TimeSpan.FromMinutes(10);

    private const string Columns =
        "terminal_id, online, firmware_version, fare_table_version, blacklist_version, keys_version, journal_backlog, last_seen_at";

    public async Task UpsertAsync(TerminalStatusReport report, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand($"""
            insert into terminal_status ({Columns}, clock_skew_seconds, pending_loads_version)
            values (@terminal, @online, @firmware, @fare_table, @blacklist, @keys, @backlog, @seen, @skew, @pending_loads)
            on conflict (terminal_id) do update set
                backlog_mark = case when terminal_status.backlog_mark_at is null or excluded.last_seen_at - terminal_status.backlog_mark_at >= @mark_window
                                    then terminal_status.journal_backlog else terminal_status.backlog_mark end,
                backlog_mark_at = case when terminal_status.backlog_mark_at is null or excluded.last_seen_at - terminal_status.backlog_mark_at >= @mark_window
                                       then terminal_status.last_seen_at else terminal_status.backlog_mark_at end,
                clock_skew_seconds = excluded.clock_skew_seconds,
                online = excluded.online,
                firmware_version = excluded.firmware_version,
                fare_table_version = excluded.fare_table_version,
                blacklist_version = excluded.blacklist_version,
                keys_version = excluded.keys_version,
                pending_loads_version = excluded.pending_loads_version,
                journal_backlog = excluded.journal_backlog,
                last_seen_at = excluded.last_seen_at
            where terminal_status.last_seen_at <= excluded.last_seen_at
            """);
        command.With("terminal", (long)report.TerminalId)
            .With("online", report.Online)
            .With("firmware", report.FirmwareVersion)
            .With("fare_table", report.FareTableVersion)
            .With("blacklist", report.BlacklistVersion)
            .With("keys", report.KeysVersion)
            .With("pending_loads", report.PendingLoadsVersion)
            .With("backlog", report.JournalBacklog)
            .With("seen", report.ReceivedAt.ToUnixTimeMilliseconds())
            .With("skew", report.ClockUnixSeconds - report.ReceivedAt.ToUnixTimeSeconds())
            .With("mark_window", (long)BacklogMarkWindow.TotalMilliseconds);
        await command.ExecuteNonQueryAsync(cancellation);
        await DownlinkSightings.RecordAsync(dataSource, report, cancellation);
    }

    /// <summary>
    /// The broker published the terminal's last will at <paramref name="at"/>: its session ended. The versions and
    /// the last-seen time stay those of its last report; a terminal never heard from before gets a row of its own.
    /// </summary>
    public async Task MarkOfflineAsync(uint terminalId, DateTimeOffset at, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand($"""
            insert into terminal_status ({Columns})
            values (@terminal, @online, 0, 0, 0, 0, 0, @seen)
            on conflict (terminal_id) do update set online = excluded.online
            where terminal_status.last_seen_at <= excluded.last_seen_at
            """);
        command.With("terminal", (long)terminalId).With("online", false).With("seen", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<IReadOnlyList<TerminalStatus>> ListAsync(CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand($"select {Columns}, pending_loads_version from terminal_status order by terminal_id");
        return await ReadAsync(command, cancellation);
    }

    public async Task<TerminalStatus?> FindAsync(uint terminalId, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand($"select {Columns}, pending_loads_version from terminal_status where terminal_id = @terminal");
        command.With("terminal", (long)terminalId);
        return (await ReadAsync(command, cancellation)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<TerminalStatus>> ReadAsync(DbCommand command, CancellationToken cancellation)
    {
        var rows = new List<TerminalStatus>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add(new TerminalStatus(
                (uint)reader.GetInt64(0),
                reader.GetBoolean(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetInt32(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.GetInt64(8)));
        }

        return rows;
    }
}
