namespace Backend.Ingest.Api;

/// <summary>What GET /api/transactions asked for, already validated: every filter optional, the limit within bounds.</summary>
internal sealed record TransactionFilter(uint? TerminalId, string? CardUid, DateTimeOffset? ReceivedSince, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Parses the query string; on bad input returns null and the problems, keyed by parameter.</summary>
    public static TransactionFilter? Parse(string? terminal, string? card, string? since, string? limit, out Dictionary<string, string[]> errors)
    {
        errors = [];
        uint? terminalId = null;
        if (terminal is not null)
        {
            if (uint.TryParse(terminal, out var id))
            {
                terminalId = id;
            }
            else
            {
                errors["terminal"] = ["terminal is a terminal id, a whole number from 0 to 4294967295."];
            }
        }

        string? cardUid = null;
        if (card is not null)
        {
            if (Api.CardUid.TryNormalize(card, out var uid))
            {
                cardUid = uid;
            }
            else
            {
                errors["card"] = [$"card '{card}' is not a card UID: {Api.CardUid.Rule}."];
            }
        }

        DateTimeOffset? receivedSince = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var instant))
            {
                receivedSince = instant;
            }
            else
            {
                errors["since"] = [$"since '{since}' is not a date and time: use ISO 8601, e.g. 2026-11-25T08:00:00Z."];
            }
        }

        var rows = ParseLimit(limit, DefaultLimit, errors);
        return errors.Count == 0 ? new TransactionFilter(terminalId, cardUid, receivedSince, rows) : null;
    }

    /// <summary>A limit above <see cref="MaxLimit"/> is capped rather than refused; zero, negative or non-numeric is refused.</summary>
    public static int ParseLimit(string? limit, int defaultLimit, Dictionary<string, string[]> errors)
    {
        if (limit is null)
        {
            return defaultLimit;
        }

        if (long.TryParse(limit, out var rows) && rows > 0)
        {
            return (int)Math.Min(rows, MaxLimit);
        }

        errors["limit"] = [$"limit '{limit}' must be a whole number of rows, at least 1 (at most {MaxLimit} are returned)."];
        return 0;
    }
}
