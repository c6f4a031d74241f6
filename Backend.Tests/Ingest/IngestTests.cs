using Backend.Ingest.Hosting;
using Backend.Tests.Infrastructure;
using Backend.Tests.Storage;
using Backend.Ingest.Broker;
using Backend.Ingest.Provisioning;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task TheEmbeddedModeStoresIntoSqliteWithOneWorkerOnItsOwnBroker()
    {
        var database = await TestDatabase.CreateAsync("sqlite");
        await using var ingest = await IngestHost.StartAsync(BackendMode.Embedded, 0, database, workers: 3);
        var port = ingest.Services.GetRequiredService<EmbeddedBroker>().Port;
        var passwords = ingest.Services.GetRequiredService<TerminalCredentialStore>().ProvisionMany([41u, 42u]);

        await SyncTwoTerminalsAsync(port, database, ingest, passwords);
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

    private static async Task SyncTwoTerminalsAsync(int brokerPort, TestDatabase database, IngestHost ingest, IReadOnlyDictionary<uint, string>? passwords = null)
    {
        using var first = new FirmwareTerminal(brokerPort, 41, passwords?[41]);
        using var second = new FirmwareTerminal(brokerPort, 42, passwords?[42]);
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
}
