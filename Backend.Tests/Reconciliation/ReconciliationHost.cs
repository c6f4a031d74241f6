using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Identity;
using Backend.Ingest.Reconciliation;
using Backend.Ingest.Storage;
using Backend.Ingest.Web;
using Backend.Tests.Api;
using Backend.Tests.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backend.Tests.Reconciliation;

/// <summary>
/// A backend process as far as reconciliation goes, on an in-memory server: the store, the change runner, the
/// downlink catalog, the read API and the reconciliation (its hosted consumer running), wired through the same
/// registration calls the real host makes. Two hosts on one database are two backend processes.
/// </summary>
internal sealed class ReconciliationHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>The name of the API key <see cref="Client"/> sends: the reviewer in the audit log.</summary>
    public const string ReviewerName = "reviewer-7";

    private ReconciliationHost(WebApplication app, IssuedApiKey reviewer)
    {
        _app = app;
        Client = reviewer.Authorize(app.GetTestClient());
    }

    /// <summary>A client sending an API key named <see cref="ReviewerName"/> with every role.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public DownlinkCatalog Catalog => Services.GetRequiredService<DownlinkCatalog>();

    public ReconciliationEngine Engine => Services.GetRequiredService<ReconciliationEngine>();

    public static async Task<ReconciliationHost> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.CreateTempSubdirectory("busfare-recon-host-").FullName,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(database.Configuration);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddStoreDatabase(builder.Configuration);
        builder.Services.AddChanges();
        builder.Services.AddReconciliation(builder.Configuration);
        builder.Services.AddDownlinkPlanner(builder.Configuration);
        builder.Services.AddFareApi(builder.Configuration);
        builder.Services.AddStaffAccess(builder.Configuration);
        builder.Services.AddStaffWeb();
        var app = builder.Build();
        app.MapFareApi();
        app.MapStaffWeb();
        app.MapReconciliationApi();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new ReconciliationHost(app, await StaffKeys.IssueAsync(app.Services, ReviewerName));
    }

    /// <summary>Runs passes until one finds every terminal examined through its high-water mark (the hosted consumer may take some).</summary>
    public async Task CatchUpAsync()
    {
        for (var passes = 0; passes < 10_000; passes++)
        {
            var outcome = await Engine.RunPassAsync(CancellationToken.None);
            if (outcome.Examined == 0 && !outcome.LostRace)
            {
                return;
            }
        }

        throw new InvalidOperationException("reconciliation did not catch up in 10,000 passes");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
