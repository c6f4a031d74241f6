using Backend.Ingest.Identity;
using Backend.Ingest.Provisioning;
using Backend.Ingest.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Backend.Ingest.Broker;

public static class EmbeddedBrokerServiceCollectionExtensions
{
    /// <summary>
    /// The embedded broker as a hosted service, with what it needs and what others read: the
    /// <see cref="TerminalCredentialStore"/> and <see cref="IngestCredentials"/> of the data directory,
    /// <see cref="BrokerCounters"/>, and <see cref="EmbeddedBroker"/> itself (its <see cref="EmbeddedBroker.Port"/>).
    /// Register it before the ingest worker so the broker listens before the worker connects.
    /// </summary>
    public static IServiceCollection AddEmbeddedBroker(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(provider =>
            TerminalCredentialStore.InDataDirectory(DataDirectory.Resolve(configuration, provider.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.TryAddSingleton(provider =>
            IngestCredentials.Resolve(configuration, DataDirectory.Resolve(configuration, provider.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.TryAddSingleton(provider =>
            BrokerTlsOptions.From(configuration, DataDirectory.Resolve(configuration, provider.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.TryAddSingleton<BrokerCounters>();
        services.TryAddSingleton<BrokerGuard>();
        services.AddSingleton(_ => EmbeddedBrokerOptions.From(configuration));
        services.AddSingleton<EmbeddedBroker>();
        services.AddHostedService(provider => provider.GetRequiredService<EmbeddedBroker>());
        return services;
    }

    /// <summary>GET /api/broker/counters: the embedded broker's <see cref="BrokerCountersSnapshot"/> and its queue bound.</summary>
    public static IEndpointRouteBuilder MapEmbeddedBrokerCounters(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/broker/counters", (BrokerCounters counters, EmbeddedBroker broker) =>
                new { counters = counters.Snapshot(), maxQueuedMessagesPerClient = broker.MaxQueuedMessagesPerClient })
            .RequireAuthorization(StaffPolicies.OperateFleet)
            .WithName("GetBrokerCounters")
            .WithSummary("The embedded broker's counts since start: messages dropped (a receiver's queue was full) and connections, publishes and subscriptions refused");
        return endpoints;
    }
}
