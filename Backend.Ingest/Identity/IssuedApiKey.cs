using System.Net.Http.Headers;

namespace Backend.Ingest.Identity;

/// <summary>A new API key: its name, roles, and the key itself, which is shown this once and never stored.</summary>
public sealed record IssuedApiKey(string KeyId, string Name, IReadOnlyList<string> Roles, string Key)
{
    /// <summary><paramref name="http"/>, sending this key as <c>Authorization: Bearer</c> on every request.</summary>
    public HttpClient Authorize(HttpClient http)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return http;
    }
}
