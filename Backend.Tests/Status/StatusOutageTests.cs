using Backend.Ingest.Downlink;
using Backend.Ingest.Hosting;
using Backend.Tests.Infrastructure;
using Backend.Tests.Ingest;
using Backend.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Terminal.Firmware.Downlink;
using Xunit;

namespace Backend.Tests.Status;

public sealed class StatusOutageTests
{
    /// <summary>
    /// With the database cut, a status still gets its catch-up (the planner needs only the catalog), its row waits
    /// (retried, counted, the message not PUBACKed), and the service goes on: once the database is back the row is there.
    /// </summary>
    [Fact]
    public async Task ADatabaseOutageDelaysTheRowButNotTheCatchUpAndStopsNothing()
    {
        var connectionString = await StoreFactory.FreshSchemaAsync();
        await using var proxy = new TcpProxy("127.0.0.1", new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port);
        var throughProxy = new TestDatabase(StoreKind.Postgres, null, StoreFactory.Through(connectionString, proxy));
        await using var broker = await MosquittoBroker.StartAsync();
        await using var backend = await IngestHost.StartAsync(broker.Port, throughProxy);
        using var fleet = new FleetClient(backend.Services);
        await fleet.WaitUntilConnectedAsync();
        var catalog = backend.Services.GetRequiredService<DownlinkCatalog>();
        await catalog.PublishBlacklistAsync([BlacklistChange.ListCard([1, 2, 3, 4], 1)], "outage-test", "test");
        await Eventually.TrueAsync(() => Task.FromResult(catalog.Keys.Version > 0), "the QR key in the key set before the outage");
        using var terminal = new MqttClientFactory().CreateMqttClient();
        var configs = 0;
        terminal.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref configs);
            return Task.CompletedTask;
        };
        await terminal.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("terminal-71").Build());
        await terminal.SubscribeAsync(DownlinkTopics.Config(71), MqttQualityOfServiceLevel.AtLeastOnce);

        proxy.Cut();
        await terminal.PublishAsync(Status(71, backlog: 12));

        await Eventually.TrueAsync(async () => (await fleet.CountersAsync()).StoreFailures >= 2, "recording the status should have failed and been retried");
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref configs) == 2), "the key set (the QR key) and the blacklist snapshot sent during the outage");
        proxy.Restore();

        var shown = await fleet.WaitForAsync(71, t => t.Online && t.JournalBacklog == 12, "online, recorded after the outage");
        Assert.Equal(0, shown.BlacklistVersion);
        var counters = await fleet.CountersAsync();
        Assert.True(counters.Connected);
        Assert.Equal((1L, 0L, 2L), (counters.StatusReceived, counters.StatusRefused, counters.DownlinkPublished));
    }

    /// <summary>The backend starts with the database down: the status consumer subscribes, and the status it got lands once the database is up.</summary>
    [Fact]
    public async Task ABackendStartedWithoutItsDatabaseRecordsTheStatusOnceItIsUp()
    {
        var connectionString = await StoreFactory.FreshSchemaAsync();
        await using var proxy = new TcpProxy("127.0.0.1", new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port);
        var throughProxy = new TestDatabase(StoreKind.Postgres, null, StoreFactory.Through(connectionString, proxy));
        await using var broker = await MosquittoBroker.StartAsync();
        proxy.Cut();
        await using var app = BackendApplication.Create([], IngestHost.Settings(BackendMode.Production, broker.Port, throughProxy, 1));
        await app.StartAsync();
        using var fleet = new FleetClient(app.Services);
        await fleet.WaitUntilConnectedAsync();
        using var terminal = new MqttClientFactory().CreateMqttClient();
        await terminal.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("terminal-72").Build());

        await terminal.PublishAsync(Status(72, backlog: 3));
        await Eventually.TrueAsync(async () => (await fleet.CountersAsync()).StoreFailures >= 1, "recording the status should have failed");
        proxy.Restore();

        await fleet.WaitForAsync(72, t => t.Online && t.JournalBacklog == 3, "online once the database is up");
        await app.StopAsync();
    }

    private static MqttApplicationMessage Status(uint id, uint backlog)
    {
        var payload = new byte[StatusCodec.Size];
        StatusCodec.Encode(new TerminalStatusReport { TerminalId = id, Online = true, JournalBacklog = backlog, ClockUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds() }, payload, 0);
        return new MqttApplicationMessageBuilder().WithTopic(DownlinkTopics.Status(id)).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build();
    }
}
