using Backend.Tests.Infrastructure;
using Backend.Tests.Storage;
using Xunit;

namespace Backend.Tests.Ingest;

/// <summary>The broker or the database going away in the middle of ingest: nothing lost, nothing doubled, no ack before a commit.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task ABrokerRestartMidIngestIsRiddenOutByReconnectingAndResubscribing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("postgres");
        await using var ingest = await IngestHost.StartAsync(broker.Port, database);
        await using var store = await database.OpenAsync();
        using var first = new FirmwareTerminal(broker.Port, 61);
        using var second = new FirmwareTerminal(broker.Port, 62);
        first.Board(640);
        second.Board(200);

        var syncing = Task.WhenAll(first.SyncUntilAcknowledgedAsync(), second.SyncUntilAcknowledgedAsync());
        await Eventually.TrueAsync(async () => await store.CountAllAsync() > 0, "ingest did not start storing");
        await broker.StopAsync();
        Assert.True(first.HasUnacknowledged, "the broker should go down in the middle of the upload");
        await Task.Delay(700);
        await broker.StartAsync();
        await syncing;

        Assert.Equal(640, await store.CountAsync(61));
        Assert.Equal(200, await store.CountAsync(62));
        Assert.Equal(640, await store.HighWaterAsync(61));
        var counters = await ingest.CountersAsync();
        Assert.True(counters.Reconnects >= 1, "the worker should have reconnected");
        Assert.Equal(840, counters.RecordsInserted);
        Assert.Equal(1, counters.ConnectedWorkers);
    }

    [Fact]
    public async Task ADatabaseOutageMidIngestHoldsEveryAckUntilTheCommitAndLosesNothing()
    {
        var connectionString = await StoreFactory.FreshSchemaAsync();
        await using var proxy = new TcpProxy("127.0.0.1", new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port);
        var throughProxy = new TestDatabase(Backend.Ingest.Hosting.StoreKind.Postgres, null, StoreFactory.Through(connectionString, proxy));
        var direct = new TestDatabase(Backend.Ingest.Hosting.StoreKind.Postgres, null, connectionString);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ingest = await IngestHost.StartAsync(broker.Port, throughProxy);
        await using var store = await direct.OpenAsync();
        var terminals = new List<RawTerminal>();
        for (uint id = 1; id <= 3; id++)
        {
            terminals.Add(await RawTerminal.ConnectAsync(broker.Port, id));
        }

        foreach (var terminal in terminals)
        {
            await terminal.PublishBatchAsync(Batches.Sealed(terminal.Id, 1, 20));
            await terminal.WaitForAckAsync(20);
        }

        proxy.Cut();
        foreach (var terminal in terminals)
        {
            await terminal.PublishBatchAsync(Batches.Sealed(terminal.Id, 21, 20));
            await terminal.PublishBatchAsync(Batches.Sealed(terminal.Id, 41, 20));
            await terminal.PublishBatchAsync(Batches.Sealed(terminal.Id, 21, 20));
        }

        await Eventually.TrueAsync(async () => (await ingest.CountersAsync()).StoreFailures >= 2, "the commit should have failed and been retried");
        Assert.All(terminals, t => Assert.Equal([20u], t.Acks.ToArray()));
        Assert.Equal(60, await store.CountAllAsync());

        proxy.Restore();
        foreach (var terminal in terminals)
        {
            await terminal.WaitForAckAsync(60);
            await Eventually.TrueAsync(() => Task.FromResult(terminal.Acks.Count == 4), $"terminal {terminal.Id}'s four acks");
            Assert.Equal(60, await store.CountAsync(terminal.Id));
            Assert.Equal(60, await store.HighWaterAsync(terminal.Id));
            await terminal.DisposeAsync();
        }

        var counters = await ingest.CountersAsync();
        Assert.Equal(180, counters.RecordsInserted);
        Assert.Equal(60, counters.DuplicateRecords);
        Assert.Equal(12, counters.BatchesStored);
    }
}
