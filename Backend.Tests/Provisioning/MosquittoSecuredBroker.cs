using Backend.Ingest.Provisioning;
using Backend.Tests.Broker;
using Backend.Tests.Infrastructure;

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

    /// <summary>
    /// The operator's way: revoke, regenerate the files, restart Mosquitto on the same port (its dynamic-security
    /// plugin reads the file only at start); every client is dropped and must reconnect.
    /// </summary>
    public override async Task RevokeAsync(uint terminalId)
    {
        Store.Revoke(terminalId);
        MosquittoFiles.Write(ConfigDirectory, Ingest, Store, _limits);
        await Mosquitto.StopAsync();
        await Mosquitto.StartAsync();
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
