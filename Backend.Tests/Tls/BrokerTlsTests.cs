using Backend.Ingest.Broker;
using Backend.Ingest.Hosting;
using Backend.Ingest.Provisioning;
using Backend.Ingest.Tls;
using Backend.Tests.Broker;
using Backend.Tests.Ingest;
using Backend.Tests.Provisioning;
using Backend.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Terminal.Emulator.Uplink;
using Xunit;

namespace Backend.Tests.Tls;

/// <summary>
/// MQTT over TLS end to end on both brokers: the firmware's sync loop over the emulator's TLS link, the backend's ingest
/// workers over TLS too, each verifying the broker against the operator CA; a client trusting another CA, or expecting
/// another host, never gets through; and no plaintext port is left.
/// </summary>
public sealed class BrokerTlsTests
{
    private const uint TerminalId = 41;
    private const int Taps = 60;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ATerminalOverTlsSyncsABatchThroughTheEmbeddedBackend(string kind)
    {
        var data = Directory.CreateTempSubdirectory("busfare-tls-").FullName;
        using var certificates = TestCertificates.Create(data);
        var database = await TestDatabase.CreateAsync(kind);
        await using var backend = await IngestHost.StartAsync(BackendMode.Embedded, 0, database, extra: new Dictionary<string, string?>
        {
            ["Backend:DataDirectory"] = data,
            ["Backend:Broker:Tls:Enabled"] = "true",
            ["Backend:Broker:Tls:Port"] = "0",
        });
        var broker = backend.Services.GetRequiredService<EmbeddedBroker>();
        Assert.NotNull(broker.Certificate);
        var password = backend.Services.GetRequiredService<TerminalCredentialStore>().Provision(TerminalId);

        await SyncAsync(broker.Port, password, certificates.Client(), database, backend);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ATerminalOverTlsSyncsABatchThroughMosquittosTlsListener(string kind)
    {
        await using var broker = await MosquittoSecuredBroker.StartTlsAsync();
        var password = broker.Store.Provision(TerminalId);
        await broker.ApplyProvisioningAsync();
        var database = await TestDatabase.CreateAsync(kind);
        await using var backend = await IngestHost.StartAsync(BackendMode.Production, broker.Port, database, extra: new Dictionary<string, string?>
        {
            ["Backend:Broker:Password"] = broker.Ingest.Password,
            ["Backend:Broker:Tls:Enabled"] = "true",
            ["Backend:Broker:Tls:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Backend:Broker:Tls:CaFile"] = broker.Certificates.Directory.CaCertificate,
        });

        await SyncAsync(broker.Port, password, broker.Tls!, database, backend);
    }

    [Fact]
    public async Task AClientTrustingAnotherCaOrExpectingAnotherHostIsRefusedByBothBrokers()
    {
        var data = Directory.CreateTempSubdirectory("busfare-tls-foreign-").FullName;
        using var foreign = TestCertificates.Create(data);
        await using var mosquitto = await MosquittoSecuredBroker.StartTlsAsync();
        await using var embedded = await EmbeddedSecuredBroker.StartAsync(tls: true);

        foreach (SecuredBroker broker in new SecuredBroker[] { mosquitto, embedded })
        {
            var password = broker.TerminalPasswords[SecuredBroker.Five];
            Assert.True(Connects(broker.Port, password, broker.Tls!), "the right CA and host must get through");
            Assert.False(Connects(broker.Port, password, foreign.Client()), "a broker certificate of another CA must be refused");
            Assert.False(Connects(broker.Port, password, broker.Tls! with { TargetHost = "broker.elsewhere.example" }), "a certificate for another host must be refused");
            Assert.False(Connects(broker.Port, password, tls: null), "plaintext MQTT must not be taken on the TLS port");
        }

        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public void TheTlsConfigurationDeclaresOnlyTlsListenersWithTheOperatorsCertificates()
    {
        var listener = new MosquittoTlsListener(BrokerTlsOptions.DefaultPort, 8884, "/data/tls/ca.crt", "/data/tls/broker.crt", "/data/tls/broker.key");

        var config = MosquittoFiles.ConfigSnippet("/etc/mosquitto/busfare", MosquittoLimits.Default, listener);

        var lines = config.Split('\n');
        Assert.Equal(["listener 8883", "listener 8884"], lines.Where(line => line.StartsWith("listener", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(line => line == "cafile /etc/mosquitto/busfare/ca.crt"));
        Assert.Equal(2, lines.Count(line => line == "certfile /etc/mosquitto/busfare/broker.crt"));
        Assert.Equal(2, lines.Count(line => line == "keyfile /etc/mosquitto/busfare/broker.key"));
        Assert.Equal(2, lines.Count(line => line == "tls_version tlsv1.2"));
        var certificateListener = lines.SkipWhile(line => line != "listener 8884").ToArray();
        Assert.Contains("require_certificate true", certificateListener);
        Assert.Contains("use_identity_as_username true", certificateListener);
        Assert.Contains("use_username_as_clientid true", certificateListener);
        Assert.DoesNotContain("require_certificate true", lines.TakeWhile(line => line != "listener 8884"));
        Assert.DoesNotContain("listener", MosquittoFiles.ConfigSnippet("/etc/mosquitto/busfare", MosquittoLimits.Default));
    }

    [Fact]
    public void WritingTheFilesAfterCaIssueBrokerCopiesTheCertificatesAndKeepsTheTlsListener()
    {
        var data = Directory.CreateTempSubdirectory("busfare-tls-files-").FullName;
        try
        {
            using var certificates = TestCertificates.Create(data);
            var output = Path.Combine(data, "mosquitto");

            // The provisioning commands' call: TLS comes from the data directory where `ca issue-broker` ran.
            MosquittoFiles.Write(output, new IngestCredentials("ingest", "p"), TerminalCredentialStore.InDataDirectory(data), MosquittoLimits.Default);

            Assert.Contains("listener 8883\n", File.ReadAllText(Path.Combine(output, MosquittoFiles.ConfigFileName)));
            Assert.Equal(File.ReadAllText(certificates.Directory.BrokerKey), File.ReadAllText(Path.Combine(output, MosquittoTlsListener.KeyFileName)));
            Assert.Equal(AtomicFile.OwnerOnly, UnixMode.Of(Path.Combine(output, MosquittoTlsListener.KeyFileName)));
            Assert.Equal(AtomicFile.WorldReadable, UnixMode.Of(Path.Combine(output, MosquittoTlsListener.CaFileName)));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static bool Connects(int port, string password, BrokerTlsClient? tls)
    {
        using var uplink = new MqttUplink(MqttUplinkSettings.ForTerminal("127.0.0.1", port, SecuredBroker.Five, password) with { Tls = tls });
        return uplink.Connect();
    }

    private static async Task SyncAsync(int port, string password, BrokerTlsClient tls, TestDatabase database, IngestHost backend)
    {
        using var terminal = new FirmwareTerminal(port, TerminalId, password, tls);
        terminal.Board(Taps);

        await terminal.SyncUntilAcknowledgedAsync();

        await using var store = await database.OpenAsync();
        Assert.Equal(Taps, await store.CountAsync(TerminalId));
        Assert.Equal(Taps, (await backend.CountersAsync()).RecordsInserted);
    }
}
