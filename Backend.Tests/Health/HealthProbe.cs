using System.Net;
using System.Text.Json;

namespace Backend.Tests.Health;

/// <summary>One answer of a health probe: its HTTP status, overall word, and each check's word and description.</summary>
internal sealed record HealthProbe(HttpStatusCode Code, string Status, IReadOnlyDictionary<string, (string Status, string Description)> Checks)
{
    public static async Task<HealthProbe> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(
            check => check.Name,
            check => (check.Value.GetProperty("status").GetString()!, check.Value.GetProperty("description").GetString() ?? ""));
        return new HealthProbe(response.StatusCode, body.RootElement.GetProperty("status").GetString()!, checks);
    }

    public string StatusOf(string check) => Checks[check].Status;
}
