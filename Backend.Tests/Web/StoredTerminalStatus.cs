using Backend.Ingest.Fleet;
using Backend.Tests.Downlink;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Tests.Web;

/// <summary>A firmware terminal's own status report, stored as the status consumer stores one it received (versions, and the sightings of them).</summary>
internal static class StoredTerminalStatus
{
    public static Task StoreAsync(IServiceProvider services, LoopbackTerminal terminal)
    {
        var report = terminal.Report();
        return services.GetRequiredService<TerminalStatusStore>().UpsertAsync(new TerminalStatusReport(terminal.Id, report.Online, report.FirmwareVersion,
            report.FareTableVersion, report.BlacklistVersion, report.KeysVersion, (int)report.JournalBacklog, DateTimeOffset.UtcNow, report.ClockUnixSeconds));
    }
}
