using Backend.Ingest.Api;

namespace Backend.Ingest.Web;

/// <summary>Cents with two decimals, for the views (MinorUnits is internal to the backend).</summary>
public static class MinorUnitsText
{
    public static string Of(long cents) => MinorUnits.Format(cents);
}
