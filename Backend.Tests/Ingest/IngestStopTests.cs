using System.Diagnostics;
using Backend.Ingest.Hosting;
using Backend.Ingest.Ingest;
using Backend.Tests.Infrastructure;
using Backend.Tests.Storage;
using Xunit;

namespace Backend.Tests.Ingest;

/// <summary>
/// Stopping the backend while a committed group's acks are still travelling (the ingest's uploads held by a proxy in
/// front of Mosquitto): the stop waits the grace for them, ends clean, and nothing is lost or stored twice.
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
}
