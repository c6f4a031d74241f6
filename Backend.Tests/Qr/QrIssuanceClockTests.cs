using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backend.Ingest.Changes;
using System.Data.Common;
using Backend.Ingest.Hosting;
using Backend.Ingest.Qr;
using Backend.Tests.Api;
using Backend.Tests.Ingest;
using Backend.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using IngestDatabase = Backend.Tests.Ingest.TestDatabase;

namespace Backend.Tests.Qr;

/// <summary>
/// A host that runs its terminals on a clock of its own (the emulator's compressed fleet day) registers that clock
/// for QR issuance: tokens are dated by it and its live-token count follows it, while the audit row keeps the
/// backend's clock. Through the whole backend and its HTTP API, on both databases.
/// </summary>
public sealed class QrIssuanceClockTests
{
    private static readonly DateTimeOffset TerminalsNow = new(2031, 3, 14, 6, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TokensAreDatedAndCountedByTheHostsQrClockAndAuditedByTheBackendsOwn(string kind)
    {
        var database = await IngestDatabase.CreateAsync(kind);
        var terminals = new TestClock(TerminalsNow);
        await using var app = BackendApplication.Create([], IngestHost.Settings(BackendMode.Embedded, 0, database, 1),
            services => services.AddKeyedSingleton<TimeProvider>(QrTokenIssuance.ClockKey, terminals));
        await app.StartAsync();
        using var http = await StaffKeys.ClientAsync(app.Services, new Uri(app.WebAddresses()[0]), StaffKeys.DeskName);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var account = await PostAsync(http, "api/accounts", new { }, "open");
        long id = account.GetProperty("account").GetProperty("accountId").GetInt64();
        await PostAsync(http, $"api/accounts/{id}/loads", new { amount = 5_000, paidBy = "cash" }, "load");
        var first = await PostAsync(http, $"api/accounts/{id}/qr-tokens", new { validityMinutes = 2 }, "qr-1");

        Assert.Equal(TerminalsNow.ToUnixTimeSeconds(), first.GetProperty("validFrom").GetInt64());
        Assert.Equal(TerminalsNow.ToUnixTimeSeconds() + 120, first.GetProperty("validUntil").GetInt64());
        Assert.InRange(await AuditedAtAsync(app.Services.GetRequiredService<DbDataSource>(), id), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        await PostAsync(http, $"api/accounts/{id}/qr-tokens", new { validityMinutes = 2 }, "qr-2");
        await PostAsync(http, $"api/accounts/{id}/qr-tokens", new { validityMinutes = 2 }, "qr-3");
        await ProblemAssert.HasDetailAsync(
            await SendAsync(http, $"api/accounts/{id}/qr-tokens", new { validityMinutes = 2 }, "qr-4"), HttpStatusCode.Conflict, "already holds 3 unused, unexpired QR tokens");

        terminals.Now = TerminalsNow.AddMinutes(3);
        var later = await PostAsync(http, $"api/accounts/{id}/qr-tokens", new { validityMinutes = 2 }, "qr-5");
        Assert.Equal(terminals.Now.ToUnixTimeSeconds(), later.GetProperty("validFrom").GetInt64());
        await app.StopAsync();
    }

    /// <summary>When the first token of the account was audited (unix ms).</summary>
    private static async Task<long> AuditedAtAsync(DbDataSource dataSource, long accountId)
    {
        await using var command = dataSource.CreateCommand($"select min(at) from audit_log where action = 'qr_token.issue' and subject = 'account:{accountId}'");
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body, string key)
    {
        using var response = await SendAsync(http, path, body, key);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyKey.Header, $"{key}-{Guid.NewGuid():N}");
        return http.SendAsync(request);
    }
}
