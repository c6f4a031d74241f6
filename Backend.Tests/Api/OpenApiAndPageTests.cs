using System.Net;
using System.Text.Json;
using Xunit;

namespace Backend.Tests.Api;

/// <summary>The OpenAPI document and the operator page, served by a host whose content root has no wwwroot.</summary>
public sealed class OpenApiAndPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpointWithANameAndASummary()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, Now);

        using var document = JsonDocument.Parse(await host.Client.GetStringAsync("/openapi/v1.json"));

        var all = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Key: $"{operation.Name} {path.Name}", Operation: operation.Value)))
            .ToDictionary(o => o.Key, o => o.Operation);
        Assert.All(all, o => Assert.False(string.IsNullOrWhiteSpace(o.Value.GetProperty("operationId").GetString()), o.Key));
        Assert.All(all, o => Assert.False(string.IsNullOrWhiteSpace(o.Value.GetProperty("summary").GetString()), o.Key));
        Assert.Equal(all.Count, all.Values.Select(o => o.GetProperty("operationId").GetString()).Distinct().Count());
        var operations = all.Where(o => o.Key.StartsWith("get ", StringComparison.Ordinal)).ToDictionary(o => o.Key[4..], o => o.Value);
        Assert.Subset(operations.Keys.ToHashSet(),
            new HashSet<string> { "/api/cards/{uid}/transactions", "/api/summary", "/api/terminals", "/api/terminals/{id}", "/api/transactions" });
        Assert.All(operations.Values, get => Assert.True(get.GetProperty("responses").TryGetProperty("200", out _)));
        Assert.True(operations["/api/terminals/{id}"].GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(operations["/api/transactions"].GetProperty("responses").TryGetProperty("400", out _));
        var card = operations["/api/transactions"].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "card");
        Assert.Equal("query", card.GetProperty("in").GetString());
        Assert.Contains("hex", card.GetProperty("description").GetString());
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("TransactionView", out var transaction));
        Assert.True(transaction.GetProperty("properties").TryGetProperty("amountText", out _));
    }

    [Fact]
    public async Task TheRootServesThePageWithItsTablesScriptAndStyle()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, Now);

        using var page = await host.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        foreach (var id in new[] { "fleet", "fleet-rows", "transactions", "transaction-rows", "summary", "connection" })
        {
            Assert.Contains($"id=\"{id}\"", html);
        }

        Assert.Contains("aria-live=\"polite\"", html);
        Assert.Contains("<script src=\"/app.js\"", html);
        Assert.Contains("href=\"/style.css\"", html);

        using var script = await host.Client.GetAsync("/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var js = await script.Content.ReadAsStringAsync();
        Assert.Contains("api/terminals", js);
        Assert.Contains("api/transactions", js);
        Assert.Contains("getElementById(\"fleet-rows\")", js);
        Assert.Contains("getElementById(\"transaction-rows\")", js);

        using var style = await host.Client.GetAsync("/style.css");
        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", style.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AFileThePageDoesNotHaveIsNotFound()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, Now);

        using var response = await host.Client.GetAsync("/missing.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
