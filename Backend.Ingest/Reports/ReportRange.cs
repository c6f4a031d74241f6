using System.Globalization;

namespace Backend.Ingest.Reports;

/// <summary>
/// The days a report covers: <see cref="From"/> to <see cref="To"/>, both included, UTC days by the terminals'
/// clocks for records and by the ledger's occurred-at for transfers. At most <see cref="MaxDays"/> days, so that
/// one request cannot ask the database for years of rows at once.
/// </summary>
public sealed record ReportRange(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;

    public const int DefaultDays = 7;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The first second of <see cref="From"/>, unix seconds (the records' clock).</summary>
    public long FromSeconds => Seconds(From);

    /// <summary>The first second after <see cref="To"/>, unix seconds.</summary>
    public long ToSeconds => Seconds(To.AddDays(1));

    public IEnumerable<DateOnly> EachDay() => Enumerable.Range(0, Days).Select(From.AddDays);

    public static ReportRange Day(DateOnly day) => new(day, day);

    /// <summary>
    /// The range of <paramref name="from"/> and <paramref name="to"/> (yyyy-MM-dd); a missing end defaults to
    /// <paramref name="today"/>, a missing start to <see cref="DefaultDays"/> days up to the end. Null with
    /// <paramref name="errors"/> naming the field when a value is not a day or the range is backwards or too long.
    /// </summary>
    public static ReportRange? Parse(string? from, string? to, DateOnly today, Dictionary<string, string[]> errors)
    {
        var end = ParseDay("to", to, today, errors);
        var start = ParseDay("from", from, (end ?? today).AddDays(1 - DefaultDays), errors);
        if (start is not { } first || end is not { } last)
        {
            return null;
        }

        if (first > last)
        {
            errors["from"] = [$"from {first:yyyy-MM-dd} is after to {last:yyyy-MM-dd}: the range runs from its first day to its last."];
            return null;
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            errors["to"] = [$"{first:yyyy-MM-dd} to {last:yyyy-MM-dd} is {last.DayNumber - first.DayNumber + 1} days: a report covers at most {MaxDays}."];
            return null;
        }

        return new ReportRange(first, last);
    }

    private static DateOnly? ParseDay(string field, string? text, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = [$"{field} '{text}' is not a day: use yyyy-MM-dd, e.g. 2026-11-25."];
        return null;
    }

    private static long Seconds(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
}
