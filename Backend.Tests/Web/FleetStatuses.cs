using Backend.Ingest.Fleet;
using Backend.Ingest.Status;
using Microsoft.Extensions.DependencyInjection;
using Terminal.Firmware.Downlink;
using Xunit;
using WireReport = Terminal.Firmware.Downlink.TerminalStatusReport;

namespace Backend.Tests.Web;

/// <summary>
/// Terminal statuses as the status consumer takes them off the broker: encoded by the firmware's codec, checked by
/// <see cref="StatusIntake"/> on the terminal's own topic, and recorded in the backend's <see cref="TerminalStatusStore"/>.
/// </summary>
internal static class FleetStatuses
{
    public static async Task ReportAsync(IServiceProvider services, WireReport report, DateTimeOffset receivedAt)
    {
        var payload = new byte[StatusCodec.Size];
        Assert.True(StatusCodec.Encode(report, payload, 0));
        var verdict = StatusIntake.Inspect(DownlinkTopics.Status(report.TerminalId), payload, receivedAt);
        Assert.True(verdict.Report is not null, verdict.Reason);
        await services.GetRequiredService<TerminalStatusStore>().UpsertAsync(verdict.Report);
    }
}
