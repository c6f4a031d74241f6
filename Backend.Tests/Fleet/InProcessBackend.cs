using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Backend.Ingest.Storage;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Terminal.Emulator.Fleet;
using Terminal.Firmware.Journal;

namespace Backend.Tests.Fleet;

/// <summary>
/// A plain in-process MQTTnet broker and a stand-in ingest that commits each batch through the real SQLite store
/// and acks only then, reconnecting after a broker restart: the fleet's backend until the service is wired.
/// </summary>
internal sealed class InProcessBackend : IAsyncDisposable
{
    private readonly MqttServer _broker;
    private readonly IMqttClient _ingest = new MqttClientFactory().CreateMqttClient();
    private readonly SqliteTransactionStore _store;
    private readonly SemaphoreSlim _storeGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _databasePath;
    private Task _keeper = Task.CompletedTask;

    private InProcessBackend(int port)
    {
        Port = port;
        _databasePath = Path.Combine(Directory.CreateTempSubdirectory("busfare-fleet-").FullName, "fares.db");
        _store = new SqliteTransactionStore(_databasePath);
        _broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(port).WithMaxPendingMessagesPerClient(100_000).Build());
    }

    public int Port { get; }

    public int BrokerRestarts { get; private set; }

    public static async Task<InProcessBackend> StartAsync()
    {
        var backend = new InProcessBackend(FreePort());
        await backend._store.InitializeAsync();
        await backend._broker.StartAsync();
        backend._ingest.ApplicationMessageReceivedAsync += backend.OnBatchAsync;
        await backend.ConnectIngestAsync();
        backend._keeper = backend.KeepIngestConnectedAsync();
        return backend;
    }

    public FleetBackend ForFleet() => new(
        "127.0.0.1", Port, id => $"password-{id}", RestartBrokerAsync, cancellation => StoredRecordReader.FromSqliteAsync(_databasePath, cancellation));

    /// <summary>The bench's baseline on this stand-in: the same rows into a fresh SQLite file, 512 to a transaction.</summary>
    public static async Task<TimeSpan> BaselineAsync(IReadOnlyList<StoredRecord> rows, CancellationToken cancellation)
    {
        await using var store = new SqliteTransactionStore(Path.Combine(Directory.CreateTempSubdirectory("busfare-baseline-").FullName, "fares.db"));
        await store.InitializeAsync(cancellation);
        var timer = System.Diagnostics.Stopwatch.StartNew();
        foreach (var terminal in rows.GroupBy(r => r.TerminalId))
        {
            foreach (var chunk in terminal.OrderBy(r => r.Sequence).Chunk(BatchCodec.MaxRecords))
            {
                var payload = new byte[BatchCodec.LengthFor(chunk.Length)];
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i].Record.CopyTo(payload, BatchCodec.RecordOffset(0, i));
                }

                var header = new BatchHeader();
                BatchCodec.Seal(payload, 0, terminal.Key, chunk.Length, header);
                await store.StoreAsync(header, payload, 0, cancellation);
            }
        }

        return timer.Elapsed;
    }

    public async Task RestartBrokerAsync(CancellationToken cancellation)
    {
        await _broker.StopAsync();
        await Task.Delay(500, cancellation);
        await _broker.StartAsync();
        BrokerRestarts++;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keeper;
        _ingest.Dispose();
        await _broker.StopAsync();
        _broker.Dispose();
        await _store.DisposeAsync();
    }

    private async Task ConnectIngestAsync()
    {
        await _ingest.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Port).WithClientId("ingest").Build());
        await _ingest.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(UplinkTopics.Prefix + "+/tx", MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    private async Task KeepIngestConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(100, _stop.Token);
                if (!_ingest.IsConnected)
                {
                    await ConnectIngestAsync();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
            }
        }
    }

    private async Task OnBatchAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = e.ApplicationMessage.Payload.ToArray();
        var header = new BatchHeader();
        if (BatchCodec.Decode(payload, 0, payload.Length, header) != WireStatus.Ok || e.ApplicationMessage.Topic != UplinkTopics.Transactions(header.TerminalId))
        {
            return;
        }

        StoredBatch stored;
        await _storeGate.WaitAsync();
        try
        {
            stored = await _store.StoreAsync(header, payload, 0);
        }
        finally
        {
            _storeGate.Release();
        }

        var ack = new byte[AckCodec.Size];
        AckCodec.Encode(stored.TerminalId, stored.AckUpTo, ack, 0);
        await _ingest.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(UplinkTopics.Acks(header.TerminalId)).WithPayload(ack)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
