using Backend.Ingest.Api;
using Backend.Ingest.Backup;
using Backend.Ingest.Broker;
using Backend.Ingest.Changes;
using Backend.Ingest.Dashboard;
using Backend.Ingest.Downlink;
using Backend.Ingest.Fares;
using Backend.Ingest.Feedback;
using Backend.Ingest.Fleet;
using Backend.Ingest.Health;
using Backend.Ingest.Identity;
using Backend.Ingest.Ingest;
using Backend.Ingest.Ledger;
using Backend.Ingest.Passenger;
using Backend.Ingest.Payments;
using Backend.Ingest.Loads;
using Backend.Ingest.Metrics;
using Backend.Ingest.Qr;
using Backend.Ingest.Reconciliation;
using Backend.Ingest.Reports;
using Backend.Ingest.Resend;
using Backend.Ingest.Status;
using Backend.Ingest.Storage;
using Backend.Ingest.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backend.Ingest.Hosting;

/// <summary>
/// The whole backend, built from configuration: the "Backend" section (see <see cref="BackendOptions"/> and
/// appsettings.json) from appsettings, environment, command line, then <c>overrides</c>. The program runs it; the
/// emulator hosts it in-process. The caller starts it and reads <see cref="WebAddresses"/> once it listens.
/// </summary>
public static class BackendApplication
{
    /// <param name="hostServices">Registrations of a host that embeds the backend (the emulator's fleet gives QR issuance its day's clock), applied last so they win.</param>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? hostServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(BackendApplication).Assembly.GetName().Name,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var section = builder.Configuration.GetSection(BackendOptions.Section);
        builder.Services.Configure<BackendOptions>(section);
        var options = section.Get<BackendOptions>() ?? new BackendOptions();

        builder.Services.AddStoreDatabase(builder.Configuration);
        builder.Services.AddChanges();
        builder.Services.AddLedger(builder.Configuration);
        builder.Services.AddQrIssuance(builder.Configuration);
        builder.Services.AddReconciliation(builder.Configuration);
        AddMessageBroker(builder, options);
        builder.Services.AddIngest();
        builder.Services.AddFareApi(builder.Configuration);
        builder.Services.AddTerminalStatus(builder.Configuration);
        builder.Services.AddPayments(builder.Configuration);
        builder.Services.AddPendingLoads();
        builder.Services.AddReports();
        builder.Services.AddDashboard(builder.Configuration);
        builder.Services.AddTerminalActivity();
        builder.Services.AddFeedback(builder.Configuration);
        builder.Services.AddStaffAccess(builder.Configuration);
        builder.Services.AddPassengerSelfService(builder.Configuration);
        builder.Services.AddStaffWeb();
        builder.Services.AddFareTableDrafts();
        builder.Services.AddBackendHealth(builder.Configuration);
        builder.Services.AddScheduledBackups(builder.Configuration);
        builder.Services.AddExceptionHandler<OutageExceptionHandler>();
        builder.Services.AddBackendMetrics(builder.Configuration);
        hostServices?.Invoke(builder.Services);

        var app = builder.Build();
        // First, so that a request failing anywhere behind it while a dependency is away is answered 503, not 500.
        app.UseExceptionHandler();
        app.UseClientLibraries();
        app.MapBackendHealth();
        app.MapBackendMetrics();
        app.MapIngestCounters();
        app.MapStatusCounters();
        if (options.Mode == BackendMode.Embedded)
        {
            app.MapEmbeddedBrokerCounters();
        }

        app.MapFareApi();
        app.MapStaffWeb();
        app.MapLedgerApi();
        app.MapQrApi();
        app.MapDownlinkApi();
        app.MapResendApi();
        app.MapReconciliationApi();
        app.MapPaymentsApi();
        app.MapReportsApi();
        app.MapDashboardApi();
        app.MapFeedbackApi();
        app.MapPassengerApi();
        return app;
    }

    /// <summary>
    /// The addresses the started application listens on, with wildcard hosts (0.0.0.0, [::], +, *) shown as
    /// localhost so that they open in a browser; empty before it has started.
    /// </summary>
    public static IReadOnlyList<string> WebAddresses(this WebApplication app) => app.Services.GetRequiredService<IServer>().WebAddresses();

    /// <summary>As above, for a service that holds the server (e.g. the sandbox payment provider calling this backend).</summary>
    public static IReadOnlyList<string> WebAddresses(this IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Select(Browsable).ToArray();
    }

    /// <summary>
    /// The one place the broker is wired. Production: the external broker of Backend:Broker, nothing to host.
    /// Embedded: the in-process MQTTnet broker, registered before the ingest workers so it listens first, and
    /// the endpoint that tells them its bound port and the ingest user's credentials.
    /// </summary>
    private static void AddMessageBroker(WebApplicationBuilder builder, BackendOptions options)
    {
        // In both modes, so /metrics has the broker's series and its alert rule the same name everywhere; in
        // Production they stay 0, as Mosquitto reports its own drops on $SYS.
        builder.Services.TryAddSingleton<BrokerCounters>();
        if (options.Mode == BackendMode.Embedded)
        {
            builder.Services.AddEmbeddedBroker(builder.Configuration);
            builder.Services.AddSingleton<IBrokerEndpoint, EmbeddedBrokerEndpoint>();
            builder.Services.AddHealthChecks()
                .AddCheck<BrokerDropsHealthCheck>(BrokerDropsHealthCheck.Name, HealthStatus.Degraded, [HealthEndpoints.ReadyTag])
                .AddCheck<EmbeddedBrokerCeilingHealthCheck>(EmbeddedBrokerCeilingHealthCheck.Name, HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        }
    }

    private static string Browsable(string address)
    {
        var uri = new UriBuilder(address.Replace("://+:", "://localhost:").Replace("://*:", "://localhost:"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.ToString().TrimEnd('/');
    }
}
