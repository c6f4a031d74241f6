using System.Globalization;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Ingest;

/// <summary>Reads the terminal id out of a terminal's topic, e.g. <c>fare/v1/terminals/{id}/tx</c>.</summary>
public static class TerminalTopic
{
    public static bool TryParseTransactions(string topic, out uint terminalId) => TryParse(topic, "/tx", out terminalId);

    /// <summary>True for the canonical decimal form only (no sign, no leading zero), the one the broker's ACLs name.</summary>
    public static bool TryParse(string topic, string suffix, out uint terminalId)
    {
        terminalId = 0;
        if (!topic.StartsWith(UplinkTopics.Prefix, StringComparison.Ordinal) || !topic.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = topic.AsSpan(UplinkTopics.Prefix.Length, Math.Max(0, topic.Length - UplinkTopics.Prefix.Length - suffix.Length));
        return id.Length > 0
            && (id.Length == 1 || id[0] != '0')
            && uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out terminalId);
    }
}
