using Backend.Ingest.Api;
using Backend.Ingest.Reports;

namespace Backend.Ingest.Dashboard;

/// <summary>Builds the <see cref="DashboardSnapshot"/> of now from the reports' queries, the fleet overview and the alarms.</summary>
public sealed class DashboardQueries
{
    private readonly ReportQueries reports;
    private readonly FleetOverview fleet;
    private readonly FleetAlarms alarms;
    private readonly TimeProvider clock;

    internal DashboardQueries(ReportQueries reports, FleetOverview fleet, FleetAlarms alarms, TimeProvider clock) =>
        (this.reports, this.fleet, this.alarms, this.clock) = (reports, fleet, alarms, clock);

    public async Task<DashboardSnapshot> TodayAsync(CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var today = ReportRange.Day(DateOnly.FromDateTime(now.UtcDateTime));
        var revenue = (await reports.RevenueByDayAsync(today, cancellation)).Single();
        var hours = await reports.ByHourAsync(today, cancellation);
        var terminals = await fleet.ListAsync(cancellation);
        return new DashboardSnapshot(
            today.From,
            now,
            revenue.NetRevenueCents,
            hours.Sum(hour => hour.Boardings),
            hours,
            await reports.ByRouteAsync(today, cancellation),
            await reports.PaymentKindsAsync(today, cancellation),
            terminals.Count(terminal => terminal.Online),
            terminals.Count(terminal => !terminal.Online),
            await alarms.ListAsync(now, cancellation));
    }
}
