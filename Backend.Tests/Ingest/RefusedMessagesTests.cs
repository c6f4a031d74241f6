using System.Buffers;
using System.Diagnostics.Metrics;
using Backend.Ingest.Ingest;
using Backend.Tests.Infrastructure;
using Backend.Tests.Storage;
using Terminal.Firmware.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Ingest;

/// <summary>What must never be stored nor acknowledged, and the service carrying on after it.</summary>
public sealed class RefusedMessagesTests
{
    [Fact]
    public void EachMalformedPayloadFailsDecodingWithItsOwnStatus()
    {
        foreach (var (status, payload) in MalformedBatches.For(5))
        {
            Assert.Equal(status, BatchCodec.Decode(payload, 0, payload.Length, new BatchHeader()));
        }
    }

    [Fact]
    public void ABatchHoldingARecordNumberedZeroIsRefusedAsMalformedWithABadField()
    {
        var verdict = BatchIntake.Inspect("fare/v1/terminals/5/tx", new ReadOnlySequence<byte>(MalformedBatches.RecordNumberedZero(5)));

        Assert.Null(verdict.Batch);
        Assert.Equal(IngestRefusal.Malformed, verdict.Refusal);
        Assert.Equal($"batch refused: {WireStatus.BadRecord} at record 0 ({RecordStatus.BadField})", verdict.Reason);
    }

    [Theory]
    [InlineData("fare/v1/terminals/17/tx", true, 17u)]
    [InlineData("fare/v1/terminals/0/tx", true, 0u)]
    [InlineData("fare/v1/terminals/4294967295/tx", true, 4294967295u)]
    [InlineData("fare/v1/terminals/4294967296/tx", false, 0u)]
    [InlineData("fare/v1/terminals/017/tx", false, 0u)]
    [InlineData("fare/v1/terminals/+17/tx", false, 0u)]
    [InlineData("fare/v1/terminals/x/tx", false, 0u)]
    [InlineData("fare/v1/terminals//tx", false, 0u)]
    [InlineData("fare/v1/terminals/17/ack", false, 0u)]
    [InlineData("fare/v1/terminals/tx", false, 0u)]
    public void OnlyACanonicalTerminalTopicNamesATerminal(string topic, bool parses, uint id)
    {
        Assert.Equal(parses, TerminalTopic.TryParseTransactions(topic, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public async Task MalformedOversizedForeignAndTopiclessMessagesAreCountedNeverStoredNorAckedAndIngestCarriesOn()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("postgres");
        await using var ingest = await IngestHost.StartAsync(broker.Port, database);
        using var meter = new MeterCapture(IngestCounters.MeterName, ingest.Services.GetRequiredService<IMeterFactory>());
        await using var five = await RawTerminal.ConnectAsync(broker.Port, 5);
        await using var seven = await RawTerminal.ConnectAsync(broker.Port, 7);
        var malformed = MalformedBatches.For(5).ToArray();

        foreach (var (_, payload) in malformed)
        {
            await five.PublishBatchAsync(payload);
        }

        await five.PublishBatchAsync(new byte[BatchIntake.MaxPayloadLength + 1]);
        await five.PublishBatchAsync(Batches.Sealed(7, 1, 10));
        await five.PublishAsync("fare/v1/terminals/abc/tx", Batches.Sealed(5, 1, 10));
        await five.PublishBatchAsync(Batches.Sealed(5, 1, 4));
        await seven.PublishBatchAsync(Batches.Sealed(7, 1, 2));

        await five.WaitForAckAsync(4);
        await seven.WaitForAckAsync(2);
        var counters = await ingest.CountersAsync();
        Assert.Equal(malformed.Length, counters.Malformed);
        Assert.Equal(1, counters.Oversized);
        Assert.Equal(1, counters.ForeignTopic);
        Assert.Equal(1, counters.UnparseableTopic);
        Assert.Equal(2, counters.BatchesStored);
        Assert.Equal([4u], five.Acks.ToArray());
        Assert.Equal([2u], seven.Acks.ToArray());
        await using var store = await database.OpenAsync();
        Assert.Equal(4, await store.CountAsync(5));
        Assert.Equal(2, await store.CountAsync(7));
        Assert.Equal(6, await store.CountAllAsync());
        Assert.Equal(malformed.Length, meter.Latest("busfare.ingest.malformed"));
        Assert.Equal(1, meter.Latest("busfare.ingest.foreign_topic"));
        Assert.Equal(6, meter.Latest("busfare.ingest.records_inserted"));
    }

    /// <summary>Reads the observable instruments of one host's meter (other tests' hosts have their own), as a metrics exporter would.</summary>
    private sealed class MeterCapture : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _latest = [];

        public MeterCapture(string meterName, IMeterFactory host)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == meterName && instrument.Meter.Scope == host)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _latest[instrument.Name] = value);
            _listener.Start();
        }

        public long Latest(string instrument)
        {
            _listener.RecordObservableInstruments();
            return _latest[instrument];
        }

        public void Dispose() => _listener.Dispose();
    }
}
