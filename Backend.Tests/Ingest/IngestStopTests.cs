using System.Diagnostics;
using Backend.Ingest.Hosting;
using Backend.Ingest.Ingest;
using Backend.Tests.Infrastructure;
using Backend.Tests.Storage;
using Xunit;

namespace Backend.Tests.Ingest;

/// <summary>
/// Stopping the backend while a committed group's acks are still travelling (the ingest's uploads held by a proxy in
/// front of Mosquitto): the stop is clean, the group's acks are sent whole, and nothing is lost or stored twice.
/// </summary>
public sealed class IngestStopTests
{
    [Fact]
    public async Task AStopWhileAnAckWaitsForItsPubackEndsCleanlyAndTheTerminalsResendIsStoredOnce()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var proxy = new TcpProxy("127.0.0.1", broker.Port);
        var database = await TestDatabase.CreateAsync("sqlite");
        await using var store = await database.OpenAsync();
        await using var terminal = await RawTerminal.ConnectAsync(broker.Port, 71);
        var clientId = $"ingest-stop-{Guid.NewGuid():N}";
        var ingest = await IngestHost.StartAsync(BackendMode.Production, proxy.Port, database, clientId: clientId);
        await terminal.PublishBatchAsync(Batches.Sealed(71, 1, 20));
        await terminal.WaitForAckAsync(20);

        proxy.HoldUploads();
        await terminal.PublishBatchAsync(Batches.Sealed(71, 21, 20));
        await Eventually.TrueAsync(async () => await store.CountAsync(71) == 40, "the second batch was not committed");
        var stopping = Stopwatch.StartNew();
        await ingest.StopAsync();
        stopping.Stop();

        // MQTTnet ends a PUBACK wait cut short by a stop with a timeout exception, not a cancellation: it must not fail the host.
        Assert.True(ingest.RunOf<IngestService>().IsCompletedSuccessfully, $"the ingest service failed while stopping: {ingest.RunOf<IngestService>().Exception}");
        Assert.InRange(stopping.Elapsed, GroupCommitter.AckGraceOnStop - TimeSpan.FromSeconds(1), GroupCommitter.AckGraceOnStop + TimeSpan.FromSeconds(20));
        Assert.Equal([20u], terminal.Acks.ToArray());
        await ingest.DisposeAsync();

        proxy.ReleaseUploads();
        await using var again = await IngestHost.StartAsync(BackendMode.Production, proxy.Port, database, clientId: clientId);
        await terminal.PublishBatchAsync(Batches.Sealed(71, 21, 20));
        await terminal.WaitForAckAsync(40);
        Assert.Equal(40, await store.CountAsync(71));
        Assert.Equal(40, await store.HighWaterAsync(71));
    }

    [Fact]
    public async Task AStopAfterACommitStillSendsThatGroupsAcksAndPubacksSoTheBrokerRedeliversNothing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var proxy = new TcpProxy("127.0.0.1", broker.Port);
        var database = await TestDatabase.CreateAsync("sqlite");
        await using var store = await database.OpenAsync();
        var terminals = new List<RawTerminal>();
        for (uint id = 81; id <= 83; id++)
        {
            terminals.Add(await RawTerminal.ConnectAsync(broker.Port, id));
        }

        var clientId = $"ingest-stop-{Guid.NewGuid():N}";
        var ingest = await IngestHost.StartAsync(BackendMode.Production, proxy.Port, database, clientId: clientId);
        proxy.HoldUploads();
        foreach (var terminal in terminals)
        {
            await terminal.PublishBatchAsync(Batches.Sealed(terminal.Id, 1, 10));
        }

        await Eventually.TrueAsync(async () => await store.CountAllAsync() == 30, "the batches were not committed");
        var stopping = ingest.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(stopping.IsCompleted, "the stop should wait for the committed group's acks");
        proxy.ReleaseUploads();
        await stopping;
        Assert.True(ingest.RunOf<IngestService>().IsCompletedSuccessfully, $"the ingest service failed while stopping: {ingest.RunOf<IngestService>().Exception}");
        foreach (var terminal in terminals)
        {
            await terminal.WaitForAckAsync(10);
        }

        await ingest.DisposeAsync();

        // Had the group's PUBACKs been cut off, the broker would hand the batches again to the resumed session.
        await using var again = await IngestHost.StartAsync(BackendMode.Production, proxy.Port, database, clientId: clientId);
        await terminals[0].PublishBatchAsync(Batches.Sealed(81, 11, 10));
        await terminals[0].WaitForAckAsync(20);
        var counters = await again.CountersAsync();
        Assert.Equal(0, counters.DuplicateRecords);
        Assert.Equal(10, counters.RecordsInserted);
        Assert.Equal(40, await store.CountAllAsync());
        foreach (var terminal in terminals)
        {
            await terminal.DisposeAsync();
        }
    }
}
