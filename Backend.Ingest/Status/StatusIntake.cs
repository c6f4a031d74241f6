using Backend.Ingest.Ingest;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using FleetReport = Backend.Ingest.Fleet.TerminalStatusReport;
using WireReport = Terminal.Firmware.Downlink.TerminalStatusReport;

namespace Backend.Ingest.Status;

/// <summary>
/// Everything checked before a status may change the fleet's table: the topic names a terminal,
/// <see cref="StatusCodec.Decode"/> accepts the payload (the 50-byte online form or the last will's offline form),
/// and the status is the topic's terminal's own. The broker lets a terminal publish only on its own topic, so a
/// mismatch is a forged or misrouted status.
/// </summary>
public static class StatusIntake
{
    private const string Suffix = "/status";

    /// <param name="receivedAt">The backend's clock when the message arrived: the row's last-seen time.</param>
    public static StatusVerdict Inspect(string topic, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt)
    {
        if (!TryParseTopic(topic, out uint topicTerminal))
        {
            return StatusVerdict.Refuse($"topic '{topic}' names no terminal");
        }

        if (payload.Length > StatusCodec.Size)
        {
            return StatusVerdict.Refuse($"{payload.Length} bytes, more than a status ({StatusCodec.Size})");
        }

        var bytes = payload.ToArray();
        var report = new WireReport();
        var status = StatusCodec.Decode(bytes, 0, bytes.Length, report);
        if (status != WireStatus.Ok)
        {
            return StatusVerdict.Refuse($"status does not decode: {status}");
        }

        if (report.TerminalId != topicTerminal)
        {
            return StatusVerdict.Refuse($"status of terminal {report.TerminalId} published on terminal {topicTerminal}'s topic");
        }

        return StatusVerdict.Accept(new FleetReport(
            report.TerminalId,
            report.Online,
            report.FirmwareVersion,
            report.FareTableVersion,
            report.BlacklistVersion,
            report.KeysVersion,
            (int)Math.Min(report.JournalBacklog, int.MaxValue),
            receivedAt,
            report.Online ? report.ClockUnixSeconds : null,
            report.PendingLoadsVersion,
            report.AcknowledgedUpTo));
    }

    /// <summary>The canonical decimal form only (no sign, no leading zero), the one the broker's ACLs name.</summary>
    public static bool TryParseTopic(string topic, out uint terminalId) => TerminalTopic.TryParse(topic, Suffix, out terminalId);
}

/// <summary>What <see cref="StatusIntake"/> decided: a report to record (online or the offline will), or a refusal with its reason.</summary>
public sealed record StatusVerdict(FleetReport? Report, string Reason)
{
    public static StatusVerdict Accept(FleetReport report) => new(report, "");

    public static StatusVerdict Refuse(string reason) => new(null, reason);
}
