using System.Data.Common;
using System.Net.Http.Json;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Hosting;
using Backend.Ingest.Qr;
using Backend.Tests.Ingest;
using Backend.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Tests.BackOffice;

/// <summary>
/// The whole backend (embedded broker, on the test's database) as a back-office client sees it: its HTTP API on a
/// real port, and the database underneath for the rows a test sets up or checks.
/// </summary>
internal sealed class BackOfficeHost : IAsyncDisposable
{
    private readonly IngestHost _backend;
    private readonly Dictionary<string, HttpClient> _actors = [];

    private BackOfficeHost(IngestHost backend, TestDatabase database)
    {
        _backend = backend;
        Database = database;
        DataSource = backend.Services.GetRequiredService<DbDataSource>();
    }

    public TestDatabase Database { get; }

    /// <summary>A client sending an API key named <see cref="StaffKeys.DeskName"/> with every role.</summary>
    public HttpClient Http => _actors[StaffKeys.DeskName];

    public DbDataSource DataSource { get; }

    public IServiceProvider Services => _backend.Services;

    public static async Task<BackOfficeHost> StartAsync(string kind) => await StartAsync(await TestDatabase.CreateAsync(kind));

    /// <summary>A backend on <paramref name="database"/>, e.g. a second one on the database of a first, stopped one.</summary>
    /// <summary>Once started, the backend has put its QR key into the downlink key set: terminals that ask get it.</summary>
    public static async Task<BackOfficeHost> StartAsync(TestDatabase database)
    {
        var host = new BackOfficeHost(await IngestHost.StartAsync(BackendMode.Embedded, 0, database), database);
        await host.ClientAsync(StaffKeys.DeskName);
        var catalog = host.Services.GetRequiredService<DownlinkCatalog>();
        var qrKey = host.Services.GetRequiredService<QrTokenSigner>().KeyId;
        await Eventually.TrueAsync(() => Task.FromResult(catalog.Keys.Keys.Any(k => k.KeyId == qrKey)), "the QR key in the downlink key set");
        return host;
    }

    /// <summary>
    /// A client sending an API key named <paramref name="actor"/> (the actor its changes are audited under) with
    /// <paramref name="roles"/>, every role when null; one key per name for the host's life.
    /// </summary>
    public async Task<HttpClient> ClientAsync(string actor, IReadOnlyList<string>? roles = null)
    {
        if (!_actors.TryGetValue(actor, out var client))
        {
            client = await StaffKeys.ClientAsync(Services, new Uri(_backend.WebAddress), actor, roles);
            _actors.Add(actor, client);
        }

        return client;
    }

    /// <summary>POSTs <paramref name="body"/> as JSON with an Idempotency-Key header (a new one unless given), as <paramref name="actor"/>.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string? key = null, string actor = StaffKeys.DeskName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(IdempotencyKey.Header, key ?? Guid.NewGuid().ToString());
        return await (await ClientAsync(actor)).SendAsync(request);
    }

    /// <summary>POSTs raw bytes as application/octet-stream with an Idempotency-Key header, as <paramref name="actor"/>.</summary>
    public async Task<HttpResponseMessage> PostBytesAsync(string path, byte[] body, string? key = null, string actor = "fares-office")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add(IdempotencyKey.Header, key ?? Guid.NewGuid().ToString());
        return await (await ClientAsync(actor)).SendAsync(request);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>An account row as schema 0002 defines it (the accounts API is another slice's).</summary>
    public Task AddAccountAsync(long id, string status = "active") =>
        ExecuteAsync($"insert into accounts (account_id, status, created_at, status_changed_at) values ({id}, '{status}', 0, 0)");

    /// <summary>A card row as schema 0002 defines it (the card registry API is another slice's).</summary>
    public Task AddCardAsync(string uid, string status = "active") => ExecuteAsync($"""
        insert into cards (uid, card_type, key_version, expiry_day, status, issued_at, issued_by, status_changed_at)
        values ('{uid}', 0, 1, 25000, '{status}', 0, 'desk-1', 0)
        """);

    /// <summary>A ledger transfer into (positive) or out of (negative) the account, straight into ledger_transfers.</summary>
    public Task PostToAccountAsync(long id, long amount) => ExecuteAsync($"""
        insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, leg, occurred_at, posted_at)
        values ('{(amount > 0 ? "load" : "adjustment")}', '{(amount > 0 ? "clearing:cash" : $"account:{id}")}', '{(amount > 0 ? $"account:{id}" : "equity:adjustment")}',
                {Math.Abs(amount)}, 'test-{Guid.NewGuid():N}', 0, 0, 0)
        """);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _actors.Values)
        {
            client.Dispose();
        }

        await _backend.DisposeAsync();
    }
}
