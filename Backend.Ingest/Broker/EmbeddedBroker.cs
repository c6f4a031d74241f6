using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Backend.Ingest.Provisioning;
using Backend.Ingest.Tls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Backend.Ingest.Broker;

/// <summary>
/// The in-process MQTT broker of the embedded mode (MQTTnet.Server 5), guarded by <see cref="BrokerGuard"/>.
/// Sessions and retained messages live in memory. It has no shared subscriptions: one ingest worker reads it.
/// Revoking a terminal's credentials drops its connection at once. With <c>Backend:Broker:Tls:Enabled</c> its only
/// listener is the encrypted one, serving the operator CA's broker certificate (TLS 1.2 or 1.3); without it, the
/// plaintext listener is meant for loopback and Development (a warning says so when bound elsewhere).
/// </summary>
public sealed class EmbeddedBroker : IHostedService, IAsyncDisposable
{
    private const int ConnectionBacklog = 1024;

    private readonly MqttServerOptions _options;
    private readonly MqttServerTcpEndpointBaseOptions _endpoint;
    private readonly IPAddress _address;
    private readonly MqttServer _server;
    private readonly TerminalCredentialStore _terminals;
    private readonly BrokerCounters _counters;
    private readonly ILogger<EmbeddedBroker> _logger;

    public EmbeddedBroker(
        EmbeddedBrokerOptions options, BrokerTlsOptions tls, TerminalCredentialStore terminals, BrokerGuard guard, BrokerCounters counters, ILogger<EmbeddedBroker> logger)
    {
        _terminals = terminals;
        _counters = counters;
        _logger = logger;
        MaxQueuedMessagesPerClient = options.MaxQueuedMessagesPerClient;
        var builder = new MqttServerOptionsBuilder()
            .WithConnectionBacklog(ConnectionBacklog)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(options.MaxQueuedMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage);
        if (tls.Enabled)
        {
            Certificate = tls.LoadBrokerCertificate();
            builder.WithoutDefaultEndpoint()
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(tls.Port)
                .WithEncryptionCertificate(Certificate)
                .WithEncryptionSslProtocol(BrokerTlsClient.Protocols);
        }
        else
        {
            builder.WithDefaultEndpoint().WithDefaultEndpointPort(options.Port);
        }

        _options = builder.Build();
        _endpoint = tls.Enabled ? _options.TlsEndpointOptions : _options.DefaultEndpointOptions;
        var v6 = options.Address.AddressFamily == AddressFamily.InterNetworkV6;
        _endpoint.BoundInterNetworkAddress = v6 ? IPAddress.None : options.Address;
        _endpoint.BoundInterNetworkV6Address = v6 ? options.Address : IPAddress.None;
        _address = options.Address;

        _server = new MqttServerFactory().CreateMqttServer(_options);
        _server.ValidatingConnectionAsync += guard.ValidateConnectionAsync;
        _server.InterceptingPublishAsync += guard.InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += guard.InterceptSubscriptionAsync;
        _server.QueuedApplicationMessageOverwrittenAsync += OnQueueOverflowAsync;
    }

    /// <summary>How many messages one client may have waiting before the broker drops the oldest.</summary>
    public int MaxQueuedMessagesPerClient { get; }

    /// <summary>The listening port (the TLS one when TLS is on): the configured one, or the one the system chose for port 0 once started.</summary>
    public int Port => _endpoint.Port;

    /// <summary>The broker's certificate when it listens over TLS; null on the plaintext listener.</summary>
    public X509Certificate2? Certificate { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync();
        _terminals.Revoked += OnRevoked;
        _logger.LogInformation("Embedded MQTT broker listening on {Address} port {Port} ({Transport})", _address, Port, Certificate is null ? "plaintext" : "TLS");
        if (Certificate is null && !IPAddress.IsLoopback(_address))
        {
            _logger.LogWarning("The embedded broker takes plaintext MQTT on {Address}, beyond loopback: passwords and batches cross the network in clear. Set Backend:Broker:Tls:Enabled (docs/broker-security.md)", _address);
        }

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
        Certificate?.Dispose();
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
