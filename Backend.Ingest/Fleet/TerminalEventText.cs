using System.Globalization;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Fleet;

/// <summary>
/// What a terminal event's code and 32-bit value mean, in words for an operator (the codes and their values are
/// those of <see cref="TerminalEventCode"/>). A code this backend does not know yet is named by its number, as newer
/// firmware may journal events older backends have not heard of.
/// </summary>
public static class TerminalEventText
{
    public static (string Name, string Detail) Describe(int code, uint value, int route)
    {
        var number = value.ToString(CultureInfo.InvariantCulture);
        return (TerminalEventCode)code switch
        {
            TerminalEventCode.Boot => ("Started", $"firmware version {number}"),
            TerminalEventCode.LocationChanged => ("Route or zone changed", $"now route {route}; driver duty {number}"),
            TerminalEventCode.ClockSet => ("Clock set", string.Create(CultureInfo.InvariantCulture, $"it read {DateTimeOffset.FromUnixTimeSeconds(value):yyyy-MM-dd HH:mm:ss} UTC before")),
            TerminalEventCode.FareTableActivated => ("Fare table in force", $"version {number}"),
            TerminalEventCode.FareTablePending => ("Fare table accepted, in force later", $"version {number}"),
            TerminalEventCode.BlacklistActivated => ("Blacklist in force", $"version {number}"),
            TerminalEventCode.KeysActivated => ("Backend keys in force", $"key set version {number}"),
            TerminalEventCode.PendingLoadsActivated => ("Pending-load list installed", $"version {number}"),
            TerminalEventCode.JournalNearlyFull => ("Journal nearly full", $"{number} bytes in use"),
            TerminalEventCode.JournalFull => ("Journal full", $"{number} bytes in use: taps are refused until records are acknowledged"),
            TerminalEventCode.JournalRewound => ("Journal rewound for a restored backend", $"uploading again from sequence {number}"),
            TerminalEventCode.TamperDetected => ("Tamper detected", $"sensor {number}"),
            TerminalEventCode.BlacklistUnchecked => ("Card accepted without a blacklist check", value switch
            {
                2 => "no trusted blacklist installed",
                3 => "the blacklist page holding the card's key is corrupt",
                _ => $"reason {number}",
            }),
            _ => ($"Event {code.ToString(CultureInfo.InvariantCulture)}", $"value {number}"),
        };
    }
}
