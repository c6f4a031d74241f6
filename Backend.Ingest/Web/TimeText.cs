using System.Globalization;

namespace Backend.Ingest.Web;

/// <summary>A time as the passenger's pages show it: to the minute, in UTC, said so.</summary>
public static class TimeText
{
    public static string Of(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
