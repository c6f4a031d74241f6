using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Xunit;
using static Terminal.Tests.Downlink.DownlinkTerminal;

namespace Terminal.Tests.Downlink;

/// <summary>The drift rule: only newer issued-at counts; forward always, back only for a fresh answer; small drift is left alone.</summary>
public sealed class TimeSyncTests
{
    private readonly DownlinkTerminal _terminal = new();

    public TimeSyncTests() => _terminal.Board.Advance(100_000_000);

    private long Now => _terminal.Clock.UtcUnixSeconds;

    private uint Uptime => (uint)(_terminal.Clock.MonotonicMicroseconds / 1_000_000);

    [Fact]
    public void AClockBehindMovesForwardEvenForALateUnaskedMessage()
    {
        long before = Now;
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(TimeMessage(before + 3600, TimeBody.NoEcho)));

        Assert.Equal(before + 3600, Now);
        Assert.Contains(ClockEvents(), e => e == (uint)before);
    }

    [Fact]
    public void AClockAheadMovesBackOnlyForAFreshAnswer()
    {
        long ahead = Now;
        uint asked = Uptime;
        _terminal.Board.Advance(4_000_000);
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(TimeMessage(ahead - 600, asked)));
        Assert.Equal(ahead - 600 + 2, Now);

        long now = Now;
        uint old = Uptime;
        _terminal.Board.Advance(60_000_000);
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(TimeMessage(now + 10, old)));
        Assert.Equal(now + 60, Now);
    }

    [Fact]
    public void ASmallDifferenceIsLeftAlone()
    {
        long now = Now;
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(TimeMessage(now + TimeSync.ToleranceSeconds, Uptime)));
        Assert.Equal(now, Now);
        Assert.Empty(ClockEvents());
    }

    [Fact]
    public void AnOlderOrRepeatedIssuedAtIsStaleAndTheFloorSurvivesAReboot()
    {
        long target = Now + 7200;
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(TimeMessage(target, TimeBody.NoEcho)));
        Assert.Equal(DownlinkStatus.Stale, _terminal.Handle(TimeMessage(target, Uptime)));
        Assert.Equal(DownlinkStatus.Stale, _terminal.Handle(TimeMessage(target - 10, Uptime)));

        var rebooted = new DownlinkTerminal(_terminal.Flash, new Terminal.Simulation.Timing.SimulatedClock(StartTime));
        Assert.Equal(target, rebooted.Clock.UtcUnixSeconds);
        Assert.Equal(DownlinkStatus.Stale, rebooted.Handle(TimeMessage(target, TimeBody.NoEcho)));
    }

    [Fact]
    public void AnEchoFromTheFutureOfThisBootIsNotFresh()
    {
        long now = Now;
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(TimeMessage(now - 100, Uptime + 50)));
        Assert.Equal(now, Now);
    }

    private List<uint> ClockEvents()
    {
        var record = new TxRecord();
        return Journal.JournalKit.ReadAll(_terminal.Journal)
            .Select(bytes => { TxRecordCodec.Decode(bytes, 0, record); return (record.EventCode, record.EventValue); })
            .Where(e => e.EventCode == (int)TerminalEventCode.ClockSet)
            .Select(e => e.EventValue)
            .ToList();
    }
}
