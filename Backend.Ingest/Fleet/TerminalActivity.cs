using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Dashboard;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Fleet;

/// <summary>
/// The fleet pages' reads: every terminal (the <see cref="FleetOverview"/> of <c>/api/terminals</c>) with the alarms
/// the dashboard raises for it, and one terminal's recent events and transactions. Transactions are those of
/// <c>/api/transactions?terminal=</c> (the same query); events are the terminal's journal records of kind
/// <see cref="TxKind.TerminalEvent"/>, newest first by sequence (the primary key's order, so a terminal's
/// events are read from its own key range).
/// </summary>
public sealed class TerminalActivity
{
    public const int RecentRows = 50;

    private readonly FleetOverview fleet;
    private readonly FareQueries queries;
    private readonly FleetAlarms alarms;
    private readonly DbDataSource dataSource;
    private readonly TimeProvider clock;

    internal TerminalActivity(FleetOverview fleet, FareQueries queries, FleetAlarms alarms, DbDataSource dataSource, TimeProvider clock) =>
        (this.fleet, this.queries, this.alarms, this.dataSource, this.clock) = (fleet, queries, alarms, dataSource, clock);

    public async Task<IReadOnlyList<FleetTerminal>> ListAsync(CancellationToken cancellation)
    {
        var raised = await AlarmsAsync(cancellation);
        return (await fleet.ListAsync(cancellation)).Select(view => new FleetTerminal(view, raised[view.TerminalId].ToList())).ToList();
    }

    public async Task<FleetTerminal?> FindAsync(uint terminalId, CancellationToken cancellation) =>
        await fleet.FindAsync(terminalId, cancellation) is { } view ? new FleetTerminal(view, (await AlarmsAsync(cancellation))[terminalId].ToList()) : null;

    public Task<IReadOnlyList<TransactionView>> TransactionsAsync(uint terminalId, CancellationToken cancellation) =>
        queries.LatestAsync(new TransactionFilter(terminalId, null, null, RecentRows), cancellation);

    public async Task<IReadOnlyList<TerminalEventView>> EventsAsync(uint terminalId, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("""
            select record, received_at from transactions
            where terminal_id = @terminal and kind = @kind
            order by sequence desc limit @limit
            """);
        command.With("terminal", (long)terminalId).With("kind", (int)TxKind.TerminalEvent).With("limit", RecentRows);
        var events = new List<TerminalEventView>();
        var record = new TxRecord();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            // The store took the record only once it decoded (TransactionRow.Decode), so it decodes again here.
            var bytes = (byte[])reader.GetValue(0);
            TxRecordCodec.Decode(bytes, 0, record);
            var (name, detail) = TerminalEventText.Describe(record.EventCode, record.EventValue, record.Route);
            events.Add(new TerminalEventView(record.Sequence, DateTimeOffset.FromUnixTimeSeconds(record.Timestamp),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), record.EventCode, name, detail));
        }

        return events;
    }

    private async Task<ILookup<uint, DashboardAlarm>> AlarmsAsync(CancellationToken cancellation) =>
        (await alarms.ListAsync(clock.GetUtcNow(), cancellation)).Where(alarm => alarm.TerminalId is not null).ToLookup(alarm => alarm.TerminalId!.Value);
}
