using Backend.Ingest.Provisioning;
using Backend.Tests.Broker;
using Backend.Tests.Infrastructure;
using MQTTnet;

namespace Backend.Tests.Provisioning;

/// <summary>A real Mosquitto 2.0 configured only by the files the backend's provisioning generates.</summary>
public sealed class MosquittoSecuredBroker : SecuredBroker
{
    private MosquittoBroker? _mosquitto;
    private MosquittoLimits _limits = MosquittoLimits.Default;

    private MosquittoSecuredBroker()
    {
    }

    public override int Port => Mosquitto.Port;

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

    /// <summary>The operator's way: revoke, regenerate the files, SIGHUP; in force once a fresh connection is refused.</summary>
    public override async Task RevokeAsync(uint terminalId)
    {
        Store.Revoke(terminalId);
        MosquittoFiles.Write(ConfigDirectory, Ingest, Store, _limits);
        Mosquitto.Reload();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            // Another client id, so that a probe made before the reload cannot take over the terminal's own session.
            await using var probe = await MqttProbe.ConnectAsync(Port, "revocation-probe", BrokerIdentity.Terminal(terminalId), TerminalPasswords[terminalId]);
            if (probe.ConnectResult != MqttClientConnectResultCode.Success)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("mosquitto did not apply the regenerated password file after SIGHUP");
            }

            await Task.Delay(50);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
