using Terminal.Firmware.Journal;
using Terminal.Firmware.Sync;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Timing;
using Xunit;
using static Terminal.Tests.Journal.JournalKit;

namespace Terminal.Tests.Sync;

/// <summary>The journal reaches the backend exactly once through outages, lost acks and resends, and only acks free the flash.</summary>
public sealed class SyncAgentTests
{
    private const uint TerminalId = 4711;
    private readonly SimulatedClock _clock = new();
    private readonly SimulatedFlash _flash = new();
    private readonly LoopbackUplink _uplink = new(TerminalId);
    private readonly Terminal.Firmware.Journal.Journal _journal;
    private readonly SyncAgent _agent;

    public SyncAgentTests()
    {
        _journal = Opened(_flash, recordsPerSegment: 32);
        _agent = new SyncAgent(_uplink, _journal, _clock, TerminalId);
    }

    [Fact]
    public void EveryRecordIsStoredOnceAndTheAckedSegmentsBecomeReclaimable()
    {
        var written = Append(300);

        RunFor(seconds: 5);

        Assert.Equal(written, _uplink.Stored.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.False(_journal.HasUnacknowledged);
        Assert.Equal(_journal.UsedBytes - ((300 % 32) * TxRecordCodec.Size), _journal.ReclaimableBytes);
        Assert.Equal(5, _agent.BatchesSent);
    }

    [Fact]
    public void AnOutageIsRetriedWithBackOffAndUploadResumesAfterIt()
    {
        var written = Append(100);
        _uplink.LinkUp = false;

        RunFor(seconds: 60);
        Assert.Empty(_uplink.Stored);
        Assert.InRange(_agent.ConnectAttempts, 5, 8);
        Assert.True(_journal.HasUnacknowledged);

        _uplink.LinkUp = true;
        RunFor(seconds: 70);
        Assert.Equal(written, _uplink.Stored.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.False(_journal.HasUnacknowledged);
    }

    [Fact]
    public void ALostAckMeansAResendThatStoresNothingTwice()
    {
        var written = Append(200);
        _uplink.LoseEveryNthAck = 2;

        RunFor(seconds: 120);

        Assert.Equal(written, _uplink.Stored.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.False(_journal.HasUnacknowledged);
        Assert.True(_agent.BatchesSent > 4, $"{_agent.BatchesSent} batches for 4 of records");
    }

    [Fact]
    public void ABackendThatDoesNotAckIsWaitedForLongerAtEachResend()
    {
        Append(10);
        _uplink.LoseEveryNthAck = 1;

        RunFor(seconds: 131);

        // Sent at 0 s, then resent after 10, 20, 40 and 60 s of silence (capped): 0, 10, 30, 70 and 130 s.
        Assert.Equal(5, _agent.BatchesSent);
        Assert.Equal(5, _uplink.Publishes);

        _uplink.LoseEveryNthAck = 0;
        RunFor(seconds: 61);
        Assert.False(_journal.HasUnacknowledged);
        Append(1);
        _uplink.LoseEveryNthAck = 1;
        RunFor(seconds: 10.5);
        Assert.Equal(8, _agent.BatchesSent);
    }

    [Fact]
    public void TheLinkDroppingMidUploadLosesNothing()
    {
        var written = Append(200);
        RunFor(seconds: 0.05);
        _uplink.Disconnect();
        Append(50).ForEach(written.Add);

        RunFor(seconds: 30);

        Assert.Equal(written, _uplink.Stored.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.False(_journal.HasUnacknowledged);
    }

    [Fact]
    public void AnAckForAnotherTerminalOrBeyondTheJournalIsRefused()
    {
        Append(10);
        _uplink.LinkUp = false;
        RunFor(seconds: 0.01);
        _uplink.LinkUp = true;
        var foreign = new byte[AckCodec.Size];
        AckCodec.Encode(TerminalId + 1, 10, foreign, 0);
        var beyond = new byte[AckCodec.Size];
        AckCodec.Encode(TerminalId, 999, beyond, 0);
        _uplink.Connect();
        _uplink.Deliver(UplinkTopics.Acks(TerminalId), foreign);
        _uplink.Deliver(UplinkTopics.Acks(TerminalId), beyond);
        _uplink.Deliver(UplinkTopics.Acks(TerminalId), [1, 2, 3]);

        _agent.Step();

        Assert.Equal(3, _agent.AcksRefused);
    }

    private List<byte[]> Append(int count)
    {
        var start = (int)_journal.NextSequence;
        return Enumerable.Range(start, count).Select(n => AppendOk(_journal, Tap(n))).ToList();
    }

    private void RunFor(double seconds)
    {
        var end = _clock.MonotonicMicroseconds + (long)(seconds * 1_000_000);
        while (_clock.MonotonicMicroseconds < end)
        {
            _agent.Step();
            _clock.Advance(20_000);
        }
    }
}
