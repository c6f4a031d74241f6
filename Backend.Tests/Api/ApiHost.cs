using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Dashboard;
using Backend.Ingest.Identity;
using Backend.Ingest.Ledger;
using Backend.Ingest.Reports;
using Backend.Ingest.Web;
using Backend.Tests.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backend.Tests.Api;

/// <summary>
/// The read side hosted the way another program would host it: a WebApplication of the test assembly, with an
/// empty content root of its own, wired only through AddFareApi/MapFareApi, AddChanges, AddLedger/MapLedgerApi and AddStaffAccess/AddStaffWeb/MapStaffWeb, on an in-memory server.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, TestClock clock, IssuedApiKey desk)
    {
        _app = app;
        Clock = clock;
        Client = desk.Authorize(app.GetTestClient());
    }

    /// <summary>A client sending an API key named <see cref="StaffKeys.DeskName"/> with every role.</summary>
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
        builder.Services.AddStaffAccess(builder.Configuration);
        builder.Services.AddStaffWeb();
        builder.Services.AddReports();
        builder.Services.AddDashboard(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapFareApi();
        app.MapStaffWeb();
        app.MapLedgerApi();
        map?.Invoke(app);
        await app.StartAsync();
        return new ApiHost(app, clock, await StaffKeys.IssueAsync(app.Services, StaffKeys.DeskName));
    }

    /// <summary>A client sending a new API key named <paramref name="name"/> with <paramref name="roles"/>, or none at all when null.</summary>
    public async Task<HttpClient> ClientAsync(string name, IReadOnlyList<string>? roles)
    {
        var client = _app.GetTestClient();
        return roles is null ? client : (await StaffKeys.IssueAsync(Services, name, roles)).Authorize(client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
