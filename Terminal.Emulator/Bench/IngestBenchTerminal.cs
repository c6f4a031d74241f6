using System.Diagnostics;
using Terminal.Drivers.Hal;
using Terminal.Emulator.Fleet;
using Terminal.Emulator.Uplink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Sync;
using Terminal.Simulation.Flash;

namespace Terminal.Emulator.Bench;

/// <summary>
/// One terminal of `bench ingest`: a real journal on simulated flash, pre-filled with valid card taps, and the
/// real sync agent uploading it over MQTT. Its link notes when each batch left and when the ack covering it
/// arrived, as the terminal sees them.
/// </summary>
public sealed class IngestBenchTerminal : IUplink, IDisposable
{
    private readonly MqttUplink _link;
    private readonly Dictionary<uint, long> _sentAt = [];
    private readonly List<double> _ackMilliseconds = [];

    public IngestBenchTerminal(uint terminalId, int records, MqttUplinkSettings settings, IClock clock)
    {
        TerminalId = terminalId;
        var budget = Math.Max(Journal.DefaultBudgetBytes, (records + Journal.OpeningReserveRecords + 1) * TxRecordCodec.Size);
        Journal = new Journal(new SimulatedFlash(budget + (64 * 1024)), budget, Journal.DefaultRecordsPerSegment);
        if (Journal.Open() != JournalStatus.Ok)
        {
            throw new InvalidOperationException($"Terminal {terminalId}: a fresh journal did not open.");
        }

        Fill(records);
        Ledger.Capture(Journal);
        _link = new MqttUplink(settings);
        Sync = new SyncAgent(this, Journal, clock, terminalId);
    }

    public uint TerminalId { get; }

    public Journal Journal { get; }

    public SyncAgent Sync { get; }

    public RecordLedger Ledger { get; } = new();

    public bool Done => !Journal.HasUnacknowledged;

    /// <summary>Publish-to-ack times of this terminal's batches, in milliseconds.</summary>
    public IReadOnlyList<double> AckMilliseconds => _ackMilliseconds;

    public bool IsConnected => _link.IsConnected;

    public bool Connect() => _link.Connect();

    public Task<bool> ConnectAsync() => _link.ConnectAsync();

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (!_link.Publish(topic, payload, offset, count, retain))
        {
            return false;
        }

        var records = BitConverter.ToUInt16(payload, offset + 2);
        _sentAt.TryAdd(TxRecordCodec.ReadSequence(payload, BatchCodec.RecordOffset(offset, records - 1)), Stopwatch.GetTimestamp());
        return true;
    }

    public int Receive(byte[] topic, out int topicLength, byte[] payload)
    {
        var length = _link.Receive(topic, out topicLength, payload);
        if (length > 0 && AckCodec.Decode(payload, 0, length, out _, out var upTo) == WireStatus.Ok)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var last in _sentAt.Keys.Where(last => last <= upTo).ToArray())
            {
                _ackMilliseconds.Add(Stopwatch.GetElapsedTime(_sentAt[last], now).TotalMilliseconds);
                _sentAt.Remove(last);
            }
        }

        return length;
    }

    public void Dispose() => _link.Dispose();

    /// <summary>Card taps of a busy day, every field in range, appended through the real journal.</summary>
    private void Fill(int records)
    {
        var record = new TxRecord();
        var uid = new byte[] { 0x04, 0x51, 0x00, 0x00, 0x00, 0x00, 0x80 };
        BitConverter.TryWriteBytes(uid.AsSpan(2, 4), TerminalId);
        for (var i = 0; i < records; i++)
        {
            record.Clear();
            record.Kind = TxKind.CardTapAccepted;
            record.Timestamp = 1_767_250_800u + (uint)(i * 20);
            uid[6] = (byte)i;
            record.SetCard(uid, 0, uid.Length);
            record.Amount = 250;
            record.BalanceAfter = 100_000 - (i % 1000 * 250);
            record.CardCounter = i & 0xFFFF;
            record.Route = 1;
            if (!Journal.IsDurable(Journal.Append(record)))
            {
                throw new InvalidOperationException($"Terminal {TerminalId}: record {i} did not fit the journal.");
            }
        }
    }
}
