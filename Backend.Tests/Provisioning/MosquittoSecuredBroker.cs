using Backend.Ingest.Provisioning;
using Backend.Ingest.Tls;
using Backend.Tests.Broker;
using Backend.Tests.Infrastructure;
using Backend.Tests.Tls;

namespace Backend.Tests.Provisioning;

/// <summary>A real Mosquitto 2.0 configured only by the files the backend's provisioning generates.</summary>
public sealed class MosquittoSecuredBroker : SecuredBroker
{
    private MosquittoBroker? _mosquitto;
    private MosquittoLimits _limits = MosquittoLimits.Default;
    private MosquittoTlsListener? _listener;
    private TestCertificates? _certificates;

    private MosquittoSecuredBroker()
    {
    }

    public override int Port => Mosquitto.Port;

    public override BrokerTlsClient? Tls => _certificates?.Client();

    /// <summary>The operator CA of a TLS broker.</summary>
    public TestCertificates Certificates => _certificates ?? throw new InvalidOperationException("not a TLS broker");

    /// <summary>The port where terminals log in by client certificate (<see cref="StartTlsAsync"/> with client certificates).</summary>
    public int ClientCertificatePort => _listener?.ClientCertificatePort ?? throw new InvalidOperationException("no certificate listener");

    public MosquittoBroker Mosquitto => _mosquitto ?? throw new InvalidOperationException("not started");

    private string ConfigDirectory => Path.Combine(DataFolder, "mosquitto");

    /// <summary>Starts Mosquitto on the generated files, with <paramref name="limits"/> (the backend's defaults unless given).</summary>
    public static async Task<MosquittoSecuredBroker> StartAsync(MosquittoLimits? limits = null)
    {
        var broker = new MosquittoSecuredBroker { _limits = limits ?? MosquittoLimits.Default };
        MosquittoFiles.Write(broker.ConfigDirectory, broker.Ingest, broker.Store, broker._limits);
        // The test runs as root and its temporary directory is private: keep Mosquitto from dropping to its own user.
        var config = File.ReadAllText(Path.Combine(broker.ConfigDirectory, MosquittoFiles.ConfigFileName)) + "user root\n";
        broker._mosquitto = await MosquittoBroker.StartAsync(config);
        return broker;
    }

    /// <summary>
    /// Starts Mosquitto on the generated files with the TLS listeners (operator CA, broker certificate for localhost and
    /// 127.0.0.1) and no listener of the test's: <see cref="Port"/> is the TLS port, and with <paramref name="clientCertificates"/>
    /// terminals may log in by certificate on <see cref="ClientCertificatePort"/>.
    /// </summary>
    public static async Task<MosquittoSecuredBroker> StartTlsAsync(bool clientCertificates = false)
    {
        var broker = new MosquittoSecuredBroker();
        var certificates = broker._certificates = TestCertificates.Create(broker.DataFolder);
        var tls = certificates.Directory;
        broker._listener = new MosquittoTlsListener(
            MosquittoBroker.FreePort(), clientCertificates ? MosquittoBroker.FreePort() : null, tls.CaCertificate, tls.BrokerCertificate, tls.BrokerKey);
        MosquittoFiles.Write(broker.ConfigDirectory, broker.Ingest, broker.Store, broker._limits, broker._listener);
        var config = File.ReadAllText(Path.Combine(broker.ConfigDirectory, MosquittoFiles.ConfigFileName)) + "user root\n";
        broker._mosquitto = await MosquittoBroker.StartWithOwnListenersAsync(
            config, broker._listener.Port, broker._listener.ClientCertificatePort is { } certificatePort ? [certificatePort] : []);
        return broker;
    }

    /// <summary>
    /// The operator's way: revoke, regenerate the files, restart Mosquitto on the same port (its dynamic-security
    /// plugin reads the file only at start); every client is dropped and must reconnect.
    /// </summary>
    public override async Task RevokeAsync(uint terminalId)
    {
        Store.Revoke(terminalId);
        await ApplyProvisioningAsync();
    }

    /// <summary>After a change to the credential store: regenerate the files and restart Mosquitto on them.</summary>
    public async Task ApplyProvisioningAsync()
    {
        MosquittoFiles.Write(ConfigDirectory, Ingest, Store, _limits, _listener);
        await Mosquitto.StopAsync();
        await Mosquitto.StartAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }

        _certificates?.Dispose();

        await base.DisposeAsync();
    }
}
