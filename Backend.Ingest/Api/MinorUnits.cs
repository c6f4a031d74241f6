using System.Globalization;

namespace Backend.Ingest.Api;

/// <summary>Money as the terminals count it, in the currency's minor unit (cents), shown with two decimals.</summary>
public static class MinorUnits
{
    /// <summary>Through decimal, which holds every long exactly: negating <c>long.MinValue</c> itself would overflow.</summary>
    public static string Format(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Money a person typed, "12.50", "-3", "0.5", as cents; false for anything else (more than two decimals, a
    /// thousands separator, an exponent), so a typo is refused rather than guessed.
    /// </summary>
    public static bool TryParse(string? text, out long minor)
    {
        minor = 0;
        return decimal.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && decimal.Round(value, 2) == value && value >= long.MinValue / 100m && value <= long.MaxValue / 100m
            && (minor = (long)(value * 100)) == value * 100;
    }
}
