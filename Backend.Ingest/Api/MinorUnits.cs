using System.Globalization;

namespace Backend.Ingest.Api;

/// <summary>Money as the terminals count it, in the currency's minor unit (cents), shown with two decimals.</summary>
public static class MinorUnits
{
    public static string Format(long minor)
    {
        var sign = minor < 0 ? "-" : "";
        var magnitude = Math.Abs(minor);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / 100}.{magnitude % 100:D2}");
    }
}
