namespace Backend.Ingest.Dashboard;

/// <summary>
/// Something an operator should look at: <see cref="Kind"/> is <c>findings</c> (open reconciliation findings),
/// <c>backlog</c> (a terminal whose journal backlog grows), <c>fare-table</c> or <c>blacklist</c> (a terminal
/// online without the version published <see cref="DashboardOptions.StaleMinutes"/> ago) or <c>clock</c>
/// (a terminal clock off by more than <see cref="DashboardOptions.ClockDriftSeconds"/>) or <c>broker-drops</c> (the
/// embedded broker dropped confirmed messages since start: its queue bound is too small for the fleet).
/// </summary>
public sealed record DashboardAlarm(string Kind, string Severity, uint? TerminalId, string Message);
