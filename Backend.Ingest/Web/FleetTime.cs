using System.Globalization;

namespace Backend.Ingest.Web;

/// <summary>Times on the fleet pages: the UTC instant, and how long ago it was, which is what an operator judges a silent bus by.</summary>
public static class FleetTime
{
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var since = now - at;
        return since.TotalSeconds < 0 ? "in the future by its clock"
            : since.TotalMinutes < 1 ? "just now"
            : since.TotalHours < 1 ? $"{(int)since.TotalMinutes} min ago"
            : since.TotalDays < 1 ? $"{(int)since.TotalHours} h ago"
            : $"{(int)since.TotalDays} days ago";
    }
}
