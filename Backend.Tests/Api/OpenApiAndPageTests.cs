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

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Key: $"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)))
            .ToDictionary(operation => operation.Key, operation => operation.Value);
        Assert.Equal(
        [
            "GET /api/accounts/{id}", "GET /api/cards/{uid}", "GET /api/cards/{uid}/ledger", "GET /api/cards/{uid}/transactions",
            "GET /api/ledger/trial-balance", "GET /api/summary", "GET /api/terminals", "GET /api/terminals/{id}", "GET /api/transactions",
            "POST /api/accounts", "POST /api/accounts/{id}/loads", "POST /api/cards", "POST /api/cards/{uid}/account",
            "POST /api/cards/{uid}/loads", "POST /api/cards/{uid}/refund", "POST /api/ledger/adjustments",
        ],
            operations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
        [
            "GetAccount", "GetCard", "GetCardLedger", "GetDailySummary", "GetTerminal", "GetTrialBalance", "LinkCardToAccount",
            "ListCardTransactions", "ListTerminals", "ListTransactions", "LoadAccount", "LoadCard", "OpenAccount", "PostAdjustment",
            "RefundCard", "RegisterCard",
        ],
            operations.Values.Select(operation => operation.GetProperty("operationId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(operations.Values, operation => Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString())));
        Assert.All(operations.Values, operation => Assert.True(
            operation.GetProperty("responses").TryGetProperty("200", out _) || operation.GetProperty("responses").TryGetProperty("201", out _)));
        Assert.True(operations["GET /api/terminals/{id}"].GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(operations["GET /api/transactions"].GetProperty("responses").TryGetProperty("400", out _));
        var card = operations["GET /api/transactions"].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "card");
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
        Assert.Contains("<script src=\"app.js\"", html);
        Assert.Contains("href=\"style.css\"", html);

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
