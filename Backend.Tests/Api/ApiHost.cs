using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backend.Tests.Api;

/// <summary>
/// The read side hosted the way another program would host it: a WebApplication of the test assembly, with an
/// empty content root of its own, wired only through AddFareApi/MapFareApi and AddChanges, AddLedger/MapLedgerApi, on an in-memory server.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, TestClock clock)
    {
        _app = app;
        Clock = clock;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public TestClock Clock { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiHost> StartAsync(
        TestDatabase database, DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.CreateTempSubdirectory("busfare-api-host-").FullName,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(database.Configuration);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var clock = new TestClock(now);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddFareApi(builder.Configuration);
        builder.Services.AddChanges();
        builder.Services.AddLedger(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapFareApi();
        app.MapLedgerApi();
        map?.Invoke(app);
        await app.StartAsync();
        return new ApiHost(app, clock);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
