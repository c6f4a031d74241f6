using Backend.Ingest.Fleet;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Api;

/// <summary>
/// The fleet as an operator sees it: each terminal's last status (online by the heartbeat rule) beside what the
/// ingest store has taken from it. A terminal known to either side is listed.
/// </summary>
internal sealed class FleetOverview(TerminalStatusStore statuses, FareQueries queries, IOptions<FleetOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<TerminalView>> ListAsync(CancellationToken cancellation)
    {
        var reported = (await statuses.ListAsync(cancellation)).ToDictionary(status => status.TerminalId);
        var progress = await queries.ProgressAsync(null, cancellation);
        var now = clock.GetUtcNow();
        return reported.Keys.Union(progress.Keys).Order()
            .Select(id => View(id, reported.GetValueOrDefault(id), progress.GetValueOrDefault(id), now))
            .ToList();
    }

    public async Task<TerminalView?> FindAsync(uint terminalId, CancellationToken cancellation)
    {
        var status = await statuses.FindAsync(terminalId, cancellation);
        var progress = (await queries.ProgressAsync(terminalId, cancellation)).GetValueOrDefault(terminalId);
        return status is null && progress is null ? null : View(terminalId, status, progress, clock.GetUtcNow());
    }

    private TerminalView View(uint terminalId, TerminalStatus? status, TerminalProgress? progress, DateTimeOffset now) => new(
        terminalId,
        status?.IsOnlineAt(now, options.Value) ?? false,
        status?.FirmwareVersion,
        status?.FareTableVersion,
        status?.BlacklistVersion,
        status?.KeysVersion,
        status?.JournalBacklog,
        status?.LastSeenAt,
        progress?.HighWater,
        progress?.LastBatchAt,
        status?.PendingLoadsVersion);
}
