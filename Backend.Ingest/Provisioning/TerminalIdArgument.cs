using System.Globalization;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// A terminal id as an operator types it: plain decimal from 1 to <see cref="Max"/>, no sign, no leading zeros, so that
/// <c>017</c> is a typing error rather than terminal 17 (the broker spells identities the same way, see
/// <see cref="BrokerIdentity"/>). The firmware keeps the id in an <c>int</c>, hence the maximum.
/// </summary>
public static class TerminalIdArgument
{
    public const uint Max = int.MaxValue;

    /// <summary>The id, or null with <paramref name="error"/> saying what is wrong with the text.</summary>
    public static uint? Parse(string? text, out string error)
    {
        error = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            error = "--id is required";
        }
        else if (!text.All(char.IsAsciiDigit))
        {
            error = $"terminal id '{text}' is not a number of digits 0-9";
        }
        else if (text.Length > 1 && text[0] == '0')
        {
            error = $"terminal id '{text}' has a leading zero: write it without ('{text.TrimStart('0')}'), ids are never padded";
        }
        else if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id > Max)
        {
            error = $"terminal id '{text}' is above the largest, {Max}";
        }
        else if (id == 0)
        {
            error = "terminal id 0 is not a terminal: ids start at 1";
        }
        else
        {
            return id;
        }

        return null;
    }
}
