using Backend.Ingest.Broker;
using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backend.Tests.Broker;

/// <summary>The embedded broker exactly as the backend hosts it (<see cref="EmbeddedBrokerServiceCollectionExtensions.AddEmbeddedBroker"/>), on a free port.</summary>
public sealed class EmbeddedSecuredBroker : SecuredBroker
{
    private IHost? _host;
    private Backend.Tests.Tls.TestCertificates? _certificates;

    private EmbeddedSecuredBroker()
    {
    }

    public override int Port => Service<EmbeddedBroker>().Port;

    public BrokerCounters Counters => Service<BrokerCounters>();

    public override Backend.Ingest.Tls.BrokerTlsClient? Tls => _certificates?.Client();

    /// <summary>
    /// Starts the broker; <paramref name="maxQueuedMessagesPerClient"/> overrides its per-client queue bound; <paramref name="tls"/>
    /// gives it an operator CA and its TLS listener only (Backend:Broker:Tls).
    /// </summary>
    public static async Task<EmbeddedSecuredBroker> StartAsync(int? maxQueuedMessagesPerClient = null, bool tls = false)
    {
        var broker = new EmbeddedSecuredBroker();
        broker._certificates = tls ? Backend.Tests.Tls.TestCertificates.Create(broker.DataFolder) : null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = broker.DataFolder });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DataDirectory.Key] = broker.DataFolder,
            ["Backend:Broker:Password"] = broker.Ingest.Password,
            ["Backend:Broker:Embedded:Port"] = "0",
            ["Backend:Broker:Embedded:MaxQueuedMessagesPerClient"] = maxQueuedMessagesPerClient?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Backend:Broker:Tls:Enabled"] = tls ? "true" : null,
            ["Backend:Broker:Tls:Port"] = "0",
        });
        builder.Services.AddEmbeddedBroker(builder.Configuration);
        broker._host = builder.Build();
        await broker._host.StartAsync();
        return broker;
    }

    public override Task RevokeAsync(uint terminalId)
    {
        Service<TerminalCredentialStore>().Revoke(terminalId);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _certificates?.Dispose();

        await base.DisposeAsync();
    }

    private T Service<T>()
        where T : notnull => (_host ?? throw new InvalidOperationException("not started")).Services.GetRequiredService<T>();
}
