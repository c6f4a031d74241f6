using System.Globalization;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// How identities are spelled on the broker: a terminal is user and client id <c>terminal-{id}</c>, the id in plain
/// decimal (no sign, no leading zeros), so every terminal has exactly one name and one set of topics.
/// </summary>
public static class BrokerIdentity
{
    public const string TerminalPrefix = "terminal-";

    public const string DefaultIngestUser = "ingest";

    public static string Terminal(uint terminalId) => TerminalPrefix + terminalId.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseTerminal(string? name, out uint terminalId)
    {
        terminalId = 0;
        if (name is null || !name.StartsWith(TerminalPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = name.AsSpan(TerminalPrefix.Length);
        if (digits.Length == 0 || (digits.Length > 1 && digits[0] == '0') || !digits.ContainsOnlyDigits())
        {
            return false;
        }

        return uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out terminalId);
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
