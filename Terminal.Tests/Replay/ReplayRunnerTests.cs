using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Terminal.NanoReplay;
using Terminal.NanoReplay.Replay;
using Xunit;

namespace Terminal.Tests.Replay;

/// <summary>
/// The replay that nanoCLR runs (Terminal.NanoReplay), here on .NET: a recorded run replays to the same outcomes and
/// journal bytes, and any difference from the recording (a byte the firmware sends, a kind of call, a journaled byte)
/// fails with its position.
/// </summary>
public sealed class ReplayRunnerTests(RecordedRunsFixture recorded) : IClassFixture<RecordedRunsFixture>
{
    [Fact]
    public void TheRecordingHoldsWholeAcceptedTapsAScanAndAppliedDownlinks()
    {
        var phases = recorded.Runs.Phases;
        Assert.Equal(ReplayPhaseKind.Boot, phases[0].Kind);
        Assert.Equal((int)JournalStatus.Ok, phases[0].Outcome);
        var taps = phases.Where(p => p.Kind == ReplayPhaseKind.CardTap && p.Outcome == (int)TapOutcome.Accepted).ToList();
        Assert.Equal(3, taps.Count);
        Assert.All(taps, tap =>
        {
            Assert.Equal(1, tap.JournalRecords);
            Assert.True(tap.SpiBytes > 400, $"{tap.Label}: {tap.SpiBytes} SPI bytes");
            Assert.True(tap.AirMicroseconds > 10_000, $"{tap.Label}: {tap.AirMicroseconds} us on air");
        });
        Assert.Equal((int)TapOutcome.Accepted, phases.Single(p => p.Kind == ReplayPhaseKind.QrScan).Outcome);
        Assert.All(phases.Where(p => p.Kind == ReplayPhaseKind.Downlink), p => Assert.Equal((int)DownlinkStatus.Applied, p.Outcome));

        var script = new ReplayScript(recorded.Script());
        var accepted = script.Phases.Where(p => p.Kind == ReplayPhaseKind.CardTap && p.ExpectedOutcome == (int)TapOutcome.Accepted);
        Assert.All(accepted, phase =>
        {
            var record = new TxRecord();
            Assert.Equal(RecordStatus.Ok, TxRecordCodec.Decode(phase.ExpectedJournal, 0, record));
            Assert.Equal(TxKind.CardTapAccepted, record.Kind);
        });
    }

    [Fact]
    public void TheRecordingReplaysToTheSameOutcomesAndJournalBytes()
    {
        var runner = new ReplayRunner(new ReplayScript(recorded.Script()), new RuntimeHeapGauge());

        Assert.True(runner.Run(2), runner.Failure);
        Assert.Null(runner.LastCursor!.Divergence);
        Assert.True(runner.LastCursor.SpiTransfers > 100);
        Assert.Equal(recorded.Runs.Phases.Sum(p => p.SpiBytes), runner.LastCursor.SpiBytes);
    }

    [Fact]
    public void AByteTheFirmwareSendsThatDiffersFromTheRecordingFailsWithItsPosition()
    {
        var bytes = recorded.Script();
        var script = new ReplayScript(bytes);
        var spi = script.EventsStart + 2;
        Assert.Equal(ReplayTags.Spi, bytes[spi]);
        bytes[spi + 3] ^= 0x01;

        var runner = new ReplayRunner(new ReplayScript(bytes), new RuntimeHeapGauge());

        Assert.False(runner.Run(1));
        Assert.StartsWith($"phase 0 (boot): replay diverged at event 2 (script byte {spi}): SPI byte 0 sent as 0x", runner.Failure);
        Assert.Contains("where the recording has 0x", runner.Failure);
    }

    [Fact]
    public void ACallOfAnotherKindThanRecordedFailsNamingBoth()
    {
        var bytes = recorded.Script();
        var script = new ReplayScript(bytes);
        var spi = script.EventsStart + 2;
        bytes[spi] = ReplayTags.Monotonic;

        var runner = new ReplayRunner(new ReplayScript(bytes), new RuntimeHeapGauge());

        Assert.False(runner.Run(1));
        Assert.Equal($"phase 0 (boot): replay diverged at event 2 (script byte {spi}): a SPI transfer where the recording has a monotonic clock read", runner.Failure);
    }

    [Fact]
    public void AJournalByteOtherThanDotnetsFailsNamingTheRecordAndByte()
    {
        var script = new ReplayScript(recorded.Script());
        var tap = Array.FindIndex(script.Phases, p => p.Kind == ReplayPhaseKind.CardTap && p.ExpectedJournal.Length > 0);
        script.Phases[tap].ExpectedJournal[9] ^= 0x80;

        var runner = new ReplayRunner(script, new RuntimeHeapGauge());

        Assert.False(runner.Run(1));
        Assert.StartsWith($"phase {tap} (tap): journal record 0 byte 9 is 0x", runner.Failure);
    }

    [Fact]
    public void AnOutcomeOtherThanRecordedFails()
    {
        var script = new ReplayScript(recorded.Script());
        var scan = Array.FindIndex(script.Phases, p => p.Kind == ReplayPhaseKind.QrScan);
        script.Phases[scan].ExpectedOutcome = (int)TapOutcome.Refused;

        var runner = new ReplayRunner(script, new RuntimeHeapGauge());

        Assert.False(runner.Run(1));
        Assert.Equal($"phase {scan} (qr): outcome {(int)TapOutcome.Accepted} where the recording has {(int)TapOutcome.Refused}", runner.Failure);
    }

    [Fact]
    public void AScriptWithoutTheMagicIsRefused()
    {
        var bytes = recorded.Script();
        bytes[0] ^= 0xFF;
        Assert.Equal("not a replay script (no NRP1 magic)", Assert.Throws<ArgumentException>(() => new ReplayScript(bytes)).Message);
    }
}
