using System.Net;
using System.Net.Sockets;
using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Backend.Ingest.Broker;

/// <summary>
/// The in-process MQTT broker of the embedded mode (MQTTnet.Server 5), guarded by <see cref="BrokerGuard"/>.
/// Sessions and retained messages live in memory. It has no shared subscriptions: one ingest worker reads it.
/// Revoking a terminal's credentials drops its connection at once.
/// </summary>
public sealed class EmbeddedBroker : IHostedService, IAsyncDisposable
{
    private const int ConnectionBacklog = 1024;

    private readonly MqttServerOptions _options;
    private readonly MqttServer _server;
    private readonly TerminalCredentialStore _terminals;
    private readonly BrokerCounters _counters;
    private readonly ILogger<EmbeddedBroker> _logger;

    public EmbeddedBroker(EmbeddedBrokerOptions options, TerminalCredentialStore terminals, BrokerGuard guard, BrokerCounters counters, ILogger<EmbeddedBroker> logger)
    {
        _terminals = terminals;
        _counters = counters;
        _logger = logger;
        MaxQueuedMessagesPerClient = options.MaxQueuedMessagesPerClient;
        _options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(options.Port)
            .WithConnectionBacklog(ConnectionBacklog)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(options.MaxQueuedMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();
        var endpoint = _options.DefaultEndpointOptions;
        var v6 = options.Address.AddressFamily == AddressFamily.InterNetworkV6;
        endpoint.BoundInterNetworkAddress = v6 ? IPAddress.None : options.Address;
        endpoint.BoundInterNetworkV6Address = v6 ? options.Address : IPAddress.None;

        _server = new MqttServerFactory().CreateMqttServer(_options);
        _server.ValidatingConnectionAsync += guard.ValidateConnectionAsync;
        _server.InterceptingPublishAsync += guard.InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += guard.InterceptSubscriptionAsync;
        _server.QueuedApplicationMessageOverwrittenAsync += OnQueueOverflowAsync;
    }

    /// <summary>How many messages one client may have waiting before the broker drops the oldest.</summary>
    public int MaxQueuedMessagesPerClient { get; }

    /// <summary>The listening port: the configured one, or the one the system chose for port 0 once started.</summary>
    public int Port => _options.DefaultEndpointOptions.Port;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync();
        _terminals.Revoked += OnRevoked;
        _logger.LogInformation("Embedded MQTT broker listening on port {Port}", Port);
        if (EmbeddedBrokerCeiling.WarningFor(_terminals.Snapshot().Count) is { } warning)
        {
            _logger.LogWarning("{Warning}", warning);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _terminals.Revoked -= OnRevoked;
        if (_server.IsStarted)
        {
            await _server.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _server.Dispose();
    }

    /// <summary>
    /// A full queue drops its oldest message for the new one. That loses nothing for good (the terminal resends
    /// what was never acked) but costs that terminal an ack timeout, and means the bound is too small for the fleet:
    /// counted, and logged at the first drop and every thousandth after it, so a flood of drops does not flood the log.
    /// </summary>
    private Task OnQueueOverflowAsync(QueueMessageOverwrittenEventArgs e)
    {
        var dropped = _counters.MessageDropped();
        if (dropped % 1000 == 1)
        {
            _logger.LogWarning(
                "The embedded broker dropped the oldest message queued for {Receiver}: its queue holds {Limit} messages (Backend:Broker:Embedded:MaxQueuedMessagesPerClient); {Dropped} dropped since start",
                e.ReceiverClientId, MaxQueuedMessagesPerClient, dropped);
        }

        return Task.CompletedTask;
    }

    private void OnRevoked(uint terminalId) => _ = DisconnectAsync(BrokerIdentity.Terminal(terminalId));

    private async Task DisconnectAsync(string clientId)
    {
        try
        {
            var connected = (await _server.GetClientsAsync()).FirstOrDefault(client => client.Id == clientId);
            if (connected is null)
            {
                return;
            }

            await connected.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.AdministrativeAction });
            _logger.LogInformation("Disconnected {ClientId}: its credentials were revoked", clientId);
        }
        catch (Exception e)
        {
            // Runs detached from the revocation: its failure must be seen, and must not take the process down.
            _logger.LogError(e, "Could not disconnect {ClientId} after its credentials were revoked", clientId);
        }
    }
}
