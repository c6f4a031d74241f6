using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backend.Ingest.Health;

/// <summary>
/// A probe's answer as JSON: <c>{"status":"ok"|"degraded"|"unavailable","checks":{"database":{"status":...,"description":...,"seconds":...}}}</c>.
/// "ok" is the word the single /health probe always answered, so scripts that looked for it still work.
/// </summary>
public static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = Word(report.Status),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
            {
                status = Word(entry.Value.Status),
                description = entry.Value.Description ?? entry.Value.Exception?.Message,
                seconds = Math.Round(entry.Value.Duration.TotalSeconds, 3),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    public static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unavailable",
    };
}
