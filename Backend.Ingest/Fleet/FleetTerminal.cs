using Backend.Ingest.Api;
using Backend.Ingest.Dashboard;

namespace Backend.Ingest.Fleet;

/// <summary>A terminal on the fleet pages: its status and ingest progress, and the dashboard's alarms about it now (none when it is in order).</summary>
public sealed record FleetTerminal(TerminalView View, IReadOnlyList<DashboardAlarm> Alarms);
