using Backend.Ingest.Broker;
using Backend.Ingest.Downlink;
using Backend.Ingest.Hosting;
using Backend.Ingest.Provisioning;
using Backend.Tests.Downlink;
using Backend.Tests.Infrastructure;
using Backend.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Terminal.Firmware.Downlink;
using Xunit;

namespace Backend.Tests.Status;

/// <summary>
/// Terminal status end to end, on real brokers and databases: the real firmware reports itself, the fleet page shows
/// it, the backend brings it up to date over the broker, its last will takes it offline, and forged statuses are refused.
/// </summary>
public sealed class StatusTests
{
    [Fact]
    public async Task OnTheEmbeddedBrokerATerminalIsShownCaughtUpAndTakenOfflineByItsWill()
    {
        var database = await TestDatabase.CreateAsync("sqlite");
        await using var backend = await IngestHost.StartAsync(BackendMode.Embedded, 0, database);
        var port = backend.Services.GetRequiredService<EmbeddedBroker>().Port;
        var password = backend.Services.GetRequiredService<TerminalCredentialStore>().ProvisionMany([51u])[51];

        await ReportCatchUpAndVanishAsync(backend, port, 51, password);
    }

    [Fact]
    public async Task OnMosquittoAndPostgresATerminalIsCaughtUpAndAForgedStatusIsRefused()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("postgres");
        await using var backend = await IngestHost.StartAsync(broker.Port, database);

        await ReportCatchUpAndVanishAsync(backend, broker.Port, 52, "anonymous");

        using var fleet = new FleetClient(backend.Services);
        var before = await fleet.CountersAsync();
        using var forger = new MqttClientFactory().CreateMqttClient();
        await forger.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("forger").Build());
        var status = new byte[StatusCodec.Size];
        StatusCodec.Encode(new TerminalStatusReport { TerminalId = 53, Online = true, FareTableVersion = 99 }, status, 0);
        await forger.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(DownlinkTopics.Status(52)).WithPayload(status).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await forger.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(DownlinkTopics.Status(52)).WithPayload("online"u8.ToArray()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await Eventually.TrueAsync(async () => (await fleet.CountersAsync()).StatusRefused == before.StatusRefused + 2, "both forged statuses refused");
        var shown = await fleet.TerminalAsync(52);
        Assert.False(shown!.Online);
        Assert.Equal(2, shown.FareTableVersion);
        Assert.Null(await fleet.TerminalAsync(53));
        Assert.Equal(before.DownlinkPublished, (await fleet.CountersAsync()).DownlinkPublished);
    }

    /// <summary>
    /// The terminal connects with 5 taps journaled and nothing installed; the catalog holds a fare table and a
    /// blacklist. It is shown online with its backlog, gets both, then misses 3 blacklist versions and a new table,
    /// catches up at its next heartbeat through the broker, and finally vanishes: its will shows it offline.
    /// </summary>
    private static async Task ReportCatchUpAndVanishAsync(IngestHost backend, int brokerPort, uint id, string password)
    {
        using var fleet = new FleetClient(backend.Services);
        await fleet.WaitUntilConnectedAsync();
        var catalog = backend.Services.GetRequiredService<DownlinkCatalog>();
        var signer = backend.Services.GetRequiredService<DownlinkSigner>();
        var validFrom = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 86400;
        await catalog.SetFareTableAsync(LoopbackTerminal.Table(1, signer, validFrom), "status-test");
        await catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(1), 1)], "status-test", "test");
        using var terminal = new StatusTerminal(brokerPort, id, password, signer.PublicKey);
        terminal.Board(5);

        terminal.ConnectAndReport();
        var first = await fleet.WaitForAsync(id, t => t.Online && t.JournalBacklog == 5, "online with its backlog");
        Assert.Equal((7L, 0L, 0L), (first.FirmwareVersion!.Value, first.FareTableVersion!.Value, first.BlacklistVersion!.Value));

        await terminal.RunUntilAsync(r => r is { FareTableVersion: 1, BlacklistVersion: 1 }, "installs the table and blacklist");
        await fleet.WaitForAsync(id, t => t is { FareTableVersion: 1, BlacklistVersion: 1 }, "with the versions it installed");

        await catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(2), 2)], "status-test", "test");
        await catalog.PublishBlacklistAsync([BlacklistChange.RemoveCard(Uid(1))], "status-test", "test");
        await catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(3), 3)], "status-test", "test");
        await catalog.SetFareTableAsync(LoopbackTerminal.Table(2, signer, validFrom), "status-test");
        var published = (await fleet.CountersAsync()).DownlinkPublished;
        terminal.Stack.Status.RequestSoon();

        await terminal.RunUntilAsync(r => r is { FareTableVersion: 2, BlacklistVersion: 4 }, "catches up");
        var caughtUp = await fleet.WaitForAsync(id, t => t is { FareTableVersion: 2, BlacklistVersion: 4 }, "caught up");
        Assert.True(caughtUp.Online);
        Assert.Equal(2u, terminal.Fares.Current!.Version);
        Assert.InRange((await fleet.CountersAsync()).DownlinkPublished - published, 2, 4);

        terminal.Vanish();
        var gone = await fleet.WaitForAsync(id, t => !t.Online, "offline by its will");
        Assert.Equal((2L, 4L), (gone.FareTableVersion!.Value, gone.BlacklistVersion!.Value));
        var counters = await fleet.CountersAsync();
        Assert.Equal(0, counters.StatusRefused + counters.StoreFailures);
    }

    private static byte[] Uid(int n) => [0x04, 0x22, 0x33, 0x44, 0x55, 0x66, (byte)n];
}
