using Backend.Ingest.Hosting;
using Backend.Tests.Infrastructure;
using Backend.Tests.Storage;
using MQTTnet.Server;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Ingest;

/// <summary>The ingest service end to end: terminals publish on a real broker, rows land in a real database once, acks come back.</summary>
public sealed class IngestTests
{
    [Fact]
    public async Task FirmwareTerminalsOnMosquittoAreStoredInPostgresOnceAndAcknowledged()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("postgres");
        await using var ingest = await IngestHost.StartAsync(broker.Port, database);

        await SyncTwoTerminalsAsync(broker.Port, database, ingest);
    }

    [Fact]
    public async Task TheEmbeddedModeStoresIntoSqliteWithOneWorkerOnAPlainTopic()
    {
        var port = FreePort();
        using var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        await server.StartAsync();
        var database = await TestDatabase.CreateAsync("sqlite");
        await using var ingest = await IngestHost.StartAsync(BackendMode.Embedded, port, database, workers: 3);

        await SyncTwoTerminalsAsync(port, database, ingest);
        await server.StopAsync();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DuplicateAndReorderedBatchesAreStoredOnceAndEachGetsItsAck(string kind)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync(kind);
        await using var ingest = await IngestHost.StartAsync(broker.Port, database);
        await using var terminal = await RawTerminal.ConnectAsync(broker.Port, 12);

        await terminal.PublishBatchAsync(Batches.Sealed(12, 11, 10));
        await terminal.WaitForAckAsync(20);
        await terminal.PublishBatchAsync(Batches.Sealed(12, 1, 10));
        await terminal.WaitForAckAsync(10);
        await terminal.PublishBatchAsync(Batches.Sealed(12, 1, 10));
        await terminal.PublishBatchAsync(Batches.Sealed(12, 5, 12));
        await Eventually.TrueAsync(() => Task.FromResult(terminal.Acks.Count == 4), "four acks");

        var acks = terminal.Acks.ToArray();
        Assert.Equal([20u, 10u], acks[..2]);
        Assert.Equal([10u, 16u], acks[2..].Order());
        await using var store = await database.OpenAsync();
        Assert.Equal(20, await store.CountAsync(12));
        Assert.Equal(20, await store.HighWaterAsync(12));
        var counters = await ingest.CountersAsync();
        Assert.Equal(4, counters.BatchesStored);
        Assert.Equal(20, counters.RecordsInserted);
        Assert.Equal(22, counters.DuplicateRecords);
    }

    private static async Task SyncTwoTerminalsAsync(int brokerPort, TestDatabase database, IngestHost ingest)
    {
        using var first = new FirmwareTerminal(brokerPort, 41);
        using var second = new FirmwareTerminal(brokerPort, 42);
        first.Board(150);
        second.Board(70);

        await Task.WhenAll(first.SyncUntilAcknowledgedAsync(), second.SyncUntilAcknowledgedAsync());

        await using var store = await database.OpenAsync();
        Assert.Equal(150, await store.CountAsync(41));
        Assert.Equal(70, await store.CountAsync(42));
        Assert.Equal(150, await store.HighWaterAsync(41));
        var counters = await ingest.CountersAsync();
        Assert.Equal(220, counters.RecordsInserted);
        Assert.Equal(0, counters.Malformed + counters.ForeignTopic + counters.Oversized + counters.StoreFailures);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
