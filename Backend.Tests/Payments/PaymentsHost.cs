using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Backend.Ingest.Changes;
using Backend.Ingest.Hosting;
using Backend.Ingest.Identity;
using Backend.Ingest.Payments;
using Backend.Ingest.Payments.Sandbox;
using Backend.Tests.Ingest;
using Backend.Tests.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Tests.Payments;

/// <summary>
/// The whole backend (BackendApplication, embedded broker, sandbox payment provider) on the test's database and a real
/// HTTP port, so the sandbox delivers its webhooks over HTTP as it would in production; and the database underneath.
/// </summary>
internal sealed class PaymentsHost : IAsyncDisposable
{
    public const string SandboxSecret = "whsec_test_sandbox_secret";

    private readonly WebApplication _app;
    private readonly Dictionary<string, IssuedApiKey> _staffKeys = [];

    private PaymentsHost(WebApplication app, IssuedApiKey desk)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(app.WebAddresses()[0]) };
        Staff = desk.Authorize(new HttpClient { BaseAddress = new Uri(app.WebAddresses()[0]) });
        _staffKeys[desk.Name] = desk;
        DataSource = app.Services.GetRequiredService<DbDataSource>();
    }

    /// <summary>A client sending no credentials: a passenger, the payer at the checkout, the provider's webhooks.</summary>
    public HttpClient Http { get; }

    /// <summary>A client sending an API key named <see cref="StaffKeys.DeskName"/> with every role.</summary>
    public HttpClient Staff { get; }

    public DbDataSource DataSource { get; }

    public string WebAddress => _app.WebAddresses()[0];

    public IServiceProvider Services => _app.Services;

    public SandboxPaymentProvider Sandbox => Services.GetRequiredService<SandboxPaymentProvider>();

    public SandboxWebhookDelivery Delivery => Services.GetRequiredService<SandboxWebhookDelivery>();

    public PaymentCountersSnapshot Counters => Services.GetRequiredService<PaymentCounters>().Snapshot();

    /// <summary>A backend whose sandbox neither duplicates nor delays unless <paramref name="settings"/> say so.</summary>
    public static async Task<PaymentsHost> StartAsync(string kind, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = IngestHost.Settings(BackendMode.Embedded, 0, await TestDatabase.CreateAsync(kind), 1);
        all["Backend:Payments:Sandbox:WebhookSecret"] = SandboxSecret;
        all["Backend:Payments:Sandbox:DuplicateRate"] = "0";
        all["Backend:Payments:Sandbox:MaxDelayMilliseconds"] = "0";
        all["Backend:Payments:Sandbox:RetryMilliseconds"] = "50";
        all["Backend:Payments:RefundPassSeconds"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = BackendApplication.Create([], all);
        await app.StartAsync();
        return new PaymentsHost(app, await StaffKeys.IssueAsync(app.Services, StaffKeys.DeskName));
    }

    /// <summary>
    /// POSTs JSON with an Idempotency-Key (a new one unless given; none when <paramref name="key"/> is "") and, for staff,
    /// the API key of <paramref name="actor"/> (with every role); anonymously when it is null.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string? key = null, string? actor = "desk-7")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key != "")
        {
            request.Headers.Add(IdempotencyKey.Header, key ?? Guid.NewGuid().ToString());
        }

        if (actor is not null)
        {
            if (!_staffKeys.TryGetValue(actor, out var staff))
            {
                _staffKeys[actor] = staff = await StaffKeys.IssueAsync(Services, actor);
            }

            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", staff.Key);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>A top-up that was opened (201): its payment id and checkout URL.</summary>
    public async Task<(string PaymentId, string CheckoutUrl)> OpenTopUpAsync(object body)
    {
        using var response = await PostAsync("/api/payments/top-ups", body, actor: null);
        var json = await JsonAsync(response);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"top-up answered {(int)response.StatusCode}: {json}");
        }

        return (json.GetProperty("paymentId").GetString()!, json.GetProperty("checkoutUrl").GetString()!);
    }

    /// <summary>The payer clicks Pay on the sandbox's checkout page.</summary>
    public async Task PayAsync(string checkoutUrl)
    {
        using var response = await Http.PostAsync(checkoutUrl + "/pay", null);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> PaymentAsync(string paymentId) => await JsonAsync(await Http.GetAsync($"/api/payments/{paymentId}"));

    /// <summary>Waits until the payment reaches <paramref name="status"/> (the sandbox's webhook arrived).</summary>
    public async Task<JsonElement> PaymentReachesAsync(string paymentId, string status)
    {
        await Eventually.TrueAsync(async () => (await PaymentAsync(paymentId)).GetProperty("status").GetString() == status, $"payment {paymentId} {status}");
        return await PaymentAsync(paymentId);
    }

    /// <summary>A webhook delivery of exactly these bytes with this signature header (none when null).</summary>
    public async Task<HttpResponseMessage> DeliverAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/sandbox") { Content = new StringContent(body) };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookVerifier.SignatureHeader, signature);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Signed now with the sandbox's secret.</summary>
    public Task<HttpResponseMessage> DeliverSignedAsync(string body) => DeliverAsync(body, SandboxSigner.Sign(body, SandboxSecret, DateTimeOffset.UtcNow));

    public Task AddAccountAsync(long id, string status = "active") =>
        ExecuteAsync($"insert into accounts (account_id, status, created_at, status_changed_at) values ({id}, '{status}', 0, 0)");

    public Task AddCardAsync(string uid, string status = "active") => ExecuteAsync($"""
        insert into cards (uid, card_type, key_version, expiry_day, status, issued_at, issued_by, status_changed_at)
        values ('{uid}', 0, 1, 25000, '{status}', 0, 'desk-1', 0)
        """);

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>The ledger balance of an account code: credits less debits.</summary>
    public Task<long> BalanceAsync(string account) => ScalarAsync($"""
        select coalesce(sum(case when credit_account = '{account}' then amount else -amount end), 0)
        from ledger_transfers where credit_account = '{account}' or debit_account = '{account}'
        """);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Staff.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
