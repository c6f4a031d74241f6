using Backend.Ingest.Reports;

namespace Backend.Ingest.Dashboard;

/// <summary>
/// Today (UTC) at a glance: net fare revenue and boardings, boardings by hour, revenue by route, the payment mix,
/// the fleet online and offline, and the alarms. Amounts in cents.
/// </summary>
public sealed record DashboardSnapshot(
    DateOnly Day,
    DateTimeOffset At,
    long RevenueCents,
    long Boardings,
    IReadOnlyList<RideTotals> ByHour,
    IReadOnlyList<RideTotals> ByRoute,
    IReadOnlyList<PaymentKindTotal> PaymentMix,
    int TerminalsOnline,
    int TerminalsOffline,
    IReadOnlyList<DashboardAlarm> Alarms);
