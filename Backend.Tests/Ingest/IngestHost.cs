using System.Net.Http.Json;
using Backend.Ingest.Hosting;
using Backend.Ingest.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backend.Tests.Ingest;

/// <summary>The whole backend, built by <see cref="BackendApplication"/> and started in the test process on a free HTTP port.</summary>
internal sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private IngestHost(WebApplication app)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = new Uri(app.WebAddresses()[0]) };
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Where its HTTP API listens, e.g. http://127.0.0.1:5123.</summary>
    public string WebAddress => _app.WebAddresses()[0];

    /// <summary>Production mode (shared subscription) on the broker at <paramref name="brokerPort"/>, storing into <paramref name="store"/>.</summary>
    public static Task<IngestHost> StartAsync(int brokerPort, TestDatabase store, int workers = 1) =>
        StartAsync(BackendMode.Production, brokerPort, store, workers);

    /// <param name="clientId">The workers' MQTT client id; a fresh one when null. The same id resumes the broker session of an earlier host.</param>
    /// <param name="extra">More configuration, applied over the test's (e.g. Backend:Health thresholds).</param>
    public static async Task<IngestHost> StartAsync(
        BackendMode mode, int brokerPort, TestDatabase store, int workers = 1, string? clientId = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = Settings(mode, brokerPort, store, workers);
        if (clientId is not null)
        {
            settings["Backend:Ingest:ClientId"] = clientId;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = BackendApplication.Create([], settings);
        await app.StartAsync();
        var host = new IngestHost(app);
        await host.WaitUntilConnectedAsync(mode == BackendMode.Embedded ? 1 : workers);
        return host;
    }

    /// <summary>The configuration of a backend under test, as keys a command line could give too.</summary>
    public static Dictionary<string, string?> Settings(BackendMode mode, int brokerPort, TestDatabase store, int workers) => new()
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Backend:Mode"] = mode.ToString(),
        ["Backend:DataDirectory"] = Directory.CreateTempSubdirectory("busfare-ingest-").FullName,
        ["Backend:Store:Kind"] = store.Kind.ToString(),
        ["Backend:Store:Sqlite"] = store.SqlitePath,
        ["Backend:Store:Postgres"] = store.PostgresConnectionString,
        [Api.TestDatabase.PrivacyKeySetting] = store.PrivacyKeyFile,
        ["Backend:Broker:Host"] = "127.0.0.1",
        ["Backend:Broker:Port"] = brokerPort.ToString(),
        ["Backend:Broker:Embedded:Port"] = brokerPort.ToString(),
        ["Backend:Ingest:Workers"] = workers.ToString(),
        ["Backend:Ingest:ClientId"] = $"ingest-test-{Guid.NewGuid():N}",
    };

    public async Task<IngestCountersSnapshot> CountersAsync() =>
        (await _http.GetFromJsonAsync<IngestCountersSnapshot>("api/ingest/counters"))!;

    public async Task WaitUntilConnectedAsync(int workers) =>
        await Eventually.TrueAsync(async () => (await CountersAsync()).ConnectedWorkers == workers, "the ingest workers did not subscribe");

    /// <summary>The outcome of one background service's run (the ingest's, the status consumer's); completed once the host has stopped.</summary>
    public Task RunOf<TService>() where TService : BackgroundService => _app.Services.GetServices<IHostedService>().OfType<TService>().Single().ExecuteTask!;

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
