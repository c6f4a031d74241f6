using System.Diagnostics;
using Terminal.Drivers.Hal;
using Terminal.Emulator.Fleet;
using Terminal.Emulator.Uplink;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Sync;
using Terminal.Simulation.Flash;

namespace Terminal.Emulator.Bench;

/// <summary>
/// One terminal of `bench ingest` and `bench day`: a real journal on simulated flash, pre-filled with valid card taps
/// (or tapped one at a time, <see cref="Tap"/>), and the real sync agent uploading it over MQTT. Its link notes when
/// each batch left and when the ack covering it arrived, as the terminal sees them, and which batches were resends.
/// </summary>
public sealed class IngestBenchTerminal : IUplink, IDisposable
{
    private readonly MqttUplink _link;
    private readonly Dictionary<uint, (long At, int Records)> _sentAt = [];
    private readonly List<AckSample> _acks = [];
    private readonly TxRecord _record = new();
    private readonly byte[] _uid = [0x04, 0x51, 0x00, 0x00, 0x00, 0x00, 0x80];
    private uint _highestSent;
    private int _taps;

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
    public IEnumerable<double> AckMilliseconds => _acks.Select(ack => ack.Milliseconds);

    /// <summary>Every acknowledged batch: when it left (unix ms), how long its ack took, how many records it carried.</summary>
    public IReadOnlyList<AckSample> Acks => _acks;

    /// <summary>Batches that carried a record this terminal had sent before (after an ack timeout or a reconnect).</summary>
    public int Resends { get; private set; }

    /// <summary>A batch has left and its ack has not come.</summary>
    public bool InFlight => _sentAt.Count > 0;

    /// <summary>Records journaled and not yet acknowledged.</summary>
    public int Waiting => (int)(Journal.LastSequence - Journal.AcknowledgedUpTo);

    /// <summary>One accepted card tap appended through the real journal, and captured for the tally.</summary>
    public void Tap()
    {
        Append(_taps++);
        Ledger.Capture(Journal);
    }

    /// <summary>An online status as the firmware publishes it, claiming <paramref name="installed"/>'s versions so the backend has nothing to send.</summary>
    public bool PublishStatus(TerminalStatusReport installed)
    {
        installed.TerminalId = TerminalId;
        installed.Online = true;
        installed.JournalBacklog = (uint)Waiting;
        installed.AcknowledgedUpTo = Journal.AcknowledgedUpTo;
        installed.NextSequence = Journal.NextSequence;
        installed.ClockUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new byte[StatusCodec.Size];
        return StatusCodec.Encode(installed, payload, 0) && _link.Publish(DownlinkTopics.Status(TerminalId), payload, 0, payload.Length, false);
    }

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
        var last = TxRecordCodec.ReadSequence(payload, BatchCodec.RecordOffset(offset, records - 1));
        if (TxRecordCodec.ReadSequence(payload, BatchCodec.RecordOffset(offset, 0)) <= _highestSent)
        {
            Resends++;
        }

        _highestSent = Math.Max(_highestSent, last);
        _sentAt.TryAdd(last, (Stopwatch.GetTimestamp(), records));
        return true;
    }

    public int Receive(byte[] topic, out int topicLength, byte[] payload)
    {
        var length = _link.Receive(topic, out topicLength, payload);
        if (length > 0 && AckCodec.Decode(payload, 0, length, out _, out var upTo) == WireStatus.Ok)
        {
            var now = Stopwatch.GetTimestamp();
            var nowUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var last in _sentAt.Keys.Where(last => last <= upTo).ToArray())
            {
                var (at, records) = _sentAt[last];
                var took = Stopwatch.GetElapsedTime(at, now).TotalMilliseconds;
                _acks.Add(new AckSample(nowUnixMs - (long)took, took, records));
                _sentAt.Remove(last);
            }
        }

        return length;
    }

    public void Dispose() => _link.Dispose();

    /// <summary>Card taps of a busy day, every field in range, appended through the real journal.</summary>
    private void Fill(int records)
    {
        for (var i = 0; i < records; i++)
        {
            Append(_taps++);
        }
    }

    private void Append(int i)
    {
        BitConverter.TryWriteBytes(_uid.AsSpan(2, 4), TerminalId);
        _record.Clear();
        _record.Kind = TxKind.CardTapAccepted;
        _record.Timestamp = 1_767_250_800u + (uint)(i * 20);
        _uid[6] = (byte)i;
        _record.SetCard(_uid, 0, _uid.Length);
        _record.Amount = 250;
        _record.BalanceAfter = 100_000 - (i % 1000 * 250);
        _record.CardCounter = i & 0xFFFF;
        _record.Route = 1;
        if (!Journal.IsDurable(Journal.Append(_record)))
        {
            throw new InvalidOperationException($"Terminal {TerminalId}: record {i} did not fit the journal.");
        }
    }
}

/// <summary>One acknowledged batch as its terminal saw it: sent at (unix ms), publish-to-ack time, records carried.</summary>
public readonly record struct AckSample(long SentUnixMs, double Milliseconds, int Records);
