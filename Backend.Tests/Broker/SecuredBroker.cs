using Backend.Ingest.Provisioning;

namespace Backend.Tests.Broker;

/// <summary>
/// A running broker secured by the backend's provisioning, with terminals 5 and 7 provisioned: the embedded broker,
/// or a real Mosquitto on the generated files. Owns a temporary data directory.
/// </summary>
public abstract class SecuredBroker : IAsyncDisposable
{
    public const uint Five = 5;
    public const uint Seven = 7;

    protected SecuredBroker()
    {
        DataFolder = Directory.CreateTempSubdirectory("busfare-broker-").FullName;
        Store = TerminalCredentialStore.InDataDirectory(DataFolder);
        Ingest = new IngestCredentials(BrokerIdentity.DefaultIngestUser, Passwords.Generate());
        TerminalPasswords = Store.ProvisionMany([Five, Seven]);
    }

    public string DataFolder { get; }

    public TerminalCredentialStore Store { get; }

    public IngestCredentials Ingest { get; }

    public IReadOnlyDictionary<uint, string> TerminalPasswords { get; }

    public abstract int Port { get; }

    /// <summary>How clients reach it over TLS; null for a plaintext broker.</summary>
    public virtual Backend.Ingest.Tls.BrokerTlsClient? Tls => null;

    /// <summary>Revokes the terminal the way an operator would on this broker, until it is in force.</summary>
    public abstract Task RevokeAsync(uint terminalId);

    public Task<MqttProbe> ConnectTerminalAsync(uint terminalId) =>
        ConnectAsync(BrokerIdentity.Terminal(terminalId), BrokerIdentity.Terminal(terminalId), TerminalPasswords[terminalId]);

    public Task<MqttProbe> ConnectIngestAsync() => ConnectAsync("ingest-test", Ingest.UserName, Ingest.Password);

    /// <summary>Any login, over TLS when the broker takes TLS.</summary>
    public Task<MqttProbe> ConnectAsync(string clientId, string userName, string password) => MqttProbe.ConnectAsync(Port, clientId, userName, password, Tls);

    public virtual ValueTask DisposeAsync()
    {
        Directory.Delete(DataFolder, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
