namespace Terminal.Emulator.Fleet;

/// <summary>
/// Reads the fleet's commands, one a line: <c>cut 3</c>, <c>restore 3</c>, <c>cut all</c>, <c>power 2</c>,
/// <c>power all</c>, <c>restart-broker</c>, <c>status</c>, <c>quit</c>. Anything else is refused with a sentence
/// that says what was wrong and what is accepted.
/// </summary>
public static class FleetOrderParser
{
    public const string Usage = "commands: cut <bus|all>, restore <bus|all>, power <bus|all>, restart-broker, status, quit";

    public static bool TryParse(string? line, int busCount, out FleetOrder order, out string error)
    {
        order = new FleetOrder(FleetOrderKind.Status);
        error = "";
        var words = (line ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            error = $"empty command; {Usage}";
            return false;
        }

        var verb = words[0].ToLowerInvariant();
        FleetOrderKind kind;
        switch (verb)
        {
            case "cut": kind = FleetOrderKind.Cut; break;
            case "restore": kind = FleetOrderKind.Restore; break;
            case "power": kind = FleetOrderKind.Power; break;
            case "restart-broker": kind = FleetOrderKind.RestartBroker; break;
            case "status": kind = FleetOrderKind.Status; break;
            case "quit": kind = FleetOrderKind.Quit; break;
            default:
                error = $"unknown command '{words[0]}'; {Usage}";
                return false;
        }

        if (kind is FleetOrderKind.RestartBroker or FleetOrderKind.Status or FleetOrderKind.Quit)
        {
            if (words.Length > 1)
            {
                error = $"'{verb}' takes no argument, got '{string.Join(' ', words[1..])}'";
                return false;
            }

            order = new FleetOrder(kind);
            return true;
        }

        if (words.Length != 2)
        {
            error = $"'{verb}' needs one bus number (1-{busCount}) or 'all'";
            return false;
        }

        if (words[1].Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            order = new FleetOrder(kind);
            return true;
        }

        if (!int.TryParse(words[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bus) || bus < 1 || bus > busCount)
        {
            error = $"'{verb}': no bus '{words[1]}'; buses are numbered 1-{busCount}, or say 'all'";
            return false;
        }

        order = new FleetOrder(kind, bus);
        return true;
    }
}
