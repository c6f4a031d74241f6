using Backend.Tests.Infrastructure;
using Backend.Tests.Storage;
using Xunit;

namespace Backend.Tests.Ingest;

/// <summary>Scaling out: two ingest processes on one Mosquitto, one shared subscription, one database.</summary>
public sealed class SharedSubscriptionTests
{
    private const int Terminals = 20;
    private const int BatchesPerTerminal = 10;
    private const int RecordsPerBatch = 20;

    [Fact]
    public async Task TwoWorkerProcessesShareTheLoadAndStoreEveryRecordExactlyOnce()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("postgres");
        var starting = new[] { IngestProcess.StartAsync(broker.Port, database), IngestProcess.StartAsync(broker.Port, database) };
        await using var first = await starting[0];
        await using var second = await starting[1];

        var terminals = await Task.WhenAll(Enumerable.Range(1, Terminals).Select(id => RawTerminal.ConnectAsync(broker.Port, (uint)id)));
        await Task.WhenAll(terminals.Select(async terminal =>
        {
            for (var b = 0; b < BatchesPerTerminal; b++)
            {
                await terminal.PublishBatchAsync(Batches.Sealed(terminal.Id, (uint)(b * RecordsPerBatch) + 1, RecordsPerBatch));
            }

            await terminal.WaitForAckAsync(BatchesPerTerminal * RecordsPerBatch, seconds: 30);
            await terminal.DisposeAsync();
        }));

        var counters = new[] { await first.CountersAsync(), await second.CountersAsync() };
        Assert.All(counters, c => Assert.True(c.BatchesStored > 0, "each process should have taken part of the load"));
        Assert.Equal(Terminals * BatchesPerTerminal, counters.Sum(c => c.BatchesStored));
        Assert.Equal(Terminals * BatchesPerTerminal * RecordsPerBatch, counters.Sum(c => c.RecordsInserted));
        await using var store = await database.OpenAsync();
        Assert.Equal(Terminals * BatchesPerTerminal * RecordsPerBatch, await store.CountAllAsync());
        for (uint id = 1; id <= Terminals; id++)
        {
            Assert.Equal(BatchesPerTerminal * RecordsPerBatch, await store.HighWaterAsync(id));
        }
    }
}
