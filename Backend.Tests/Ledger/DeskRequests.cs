using System.Net.Http.Json;
using System.Text.Json;
using Backend.Ingest.Changes;

namespace Backend.Tests.Ledger;

/// <summary>The desk's HTTP calls: a JSON POST with an Idempotency-Key (or none), and an answer read as JSON.</summary>
internal static class DeskRequests
{
    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, object? body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(IdempotencyKey.Header, key);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>A registration of <paramref name="uid"/> as an adult card valid to the end of 2030, with a first load.</summary>
    public static object Card(string uid, long? firstLoad = 2000, long? accountId = null) => new
    {
        uid,
        cardType = 0,
        keyVersion = 1,
        expiryDay = "2030-12-31",
        issuedBy = "desk 7, central station",
        accountId,
        firstLoad,
    };

    public static string NewKey() => Guid.NewGuid().ToString();
}
