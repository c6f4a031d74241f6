using System.Text;
using Terminal.Drivers.Scanner;
using Terminal.Simulation.Scanner;
using Terminal.Simulation.Timing;
using Xunit;

namespace Terminal.Tests.Scanner;

/// <summary>Configuration commands against the module model: what is written, what it answers, what goes wrong.</summary>
public sealed class ScannerSetupTests
{
    /// <summary>A suffix zone made up for the tests; the real GM65 one is still to be measured (docs/hardware.md).</summary>
    private const int TestSuffixZone = 0x0060;

    private readonly SimulatedClock _clock = new();

    [Fact]
    public void DisablingScanningSwitchesToCommandModeAndKeepsTheOtherBits()
    {
        var model = new ScannerModel(_clock);
        var setup = new ScannerSetup(model, _clock, ScannerCommandTable.Gm65());

        Assert.Equal(CommandStatus.Ok, setup.DisableScanning());

        Assert.Equal((byte)0xD5, model.Zones[0]);
        Assert.False(model.Present("ignored"u8));
        Assert.Equal(
            [[0x7E, 0x00, 0x07, 0x01, 0x00, 0x00, 0x01, 0x01, 0x41], [0x7E, 0x00, 0x08, 0x01, 0x00, 0x00, 0xD5, 0xEF, 0x41]],
            model.Commands);
    }

    [Fact]
    public void EnablingScanningLetsCodesThroughAgain()
    {
        var model = new ScannerModel(_clock);
        var setup = new ScannerSetup(model, _clock, ScannerCommandTable.Gm65());
        Assert.Equal(CommandStatus.Ok, setup.DisableScanning());

        Assert.Equal(CommandStatus.Ok, setup.EnableScanning());

        Assert.Equal(ScannerModel.FactoryModeZone, model.Zones[0]);
        Assert.True(model.Present("let in"u8));
    }

    [Fact]
    public void AZoneAlreadyRightIsOnlyRead()
    {
        var model = new ScannerModel(_clock);
        var setup = new ScannerSetup(model, _clock, ScannerCommandTable.Gm65());

        Assert.Equal(CommandStatus.Ok, setup.EnableScanning());

        var command = Assert.Single(model.Commands);
        Assert.Equal(ZoneCommand.ReadType, command[2]);
    }

    [Theory]
    [InlineData(CodeTerminator.CarriageReturn)]
    [InlineData(CodeTerminator.LineFeed)]
    [InlineData(CodeTerminator.CarriageReturnLineFeed)]
    [InlineData(CodeTerminator.IdleGap)]
    public void SettingTheTerminatorMakesTheModuleAndTheFramerAgree(CodeTerminator terminator)
    {
        var table = TableWithSuffixZone();
        var model = new ScannerModel(_clock, table) { Suffix = [0x09] };
        var setup = new ScannerSetup(model, _clock, table);

        Assert.Equal(CommandStatus.Ok, setup.SetTerminator(terminator));

        Assert.Equal(ScanRun.Suffix(terminator), model.Suffix);
        var scanner = new QrScanner(model, _clock, terminator);
        model.Present("round trip"u8);
        model.InjectGap(QrScanner.DefaultGapMicroseconds * 2);
        Assert.Equal([ScanResult.Code("round trip")], ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void ATerminatorTheTableDoesNotKnowIsUnsupportedAndNothingIsSent()
    {
        var model = new ScannerModel(_clock);
        var setup = new ScannerSetup(model, _clock, ScannerCommandTable.Gm65());

        Assert.Equal(CommandStatus.Unsupported, setup.SetTerminator(CodeTerminator.CarriageReturn));
        Assert.Empty(model.Commands);
    }

    [Fact]
    public void ASilentModuleTimesOut()
    {
        var model = new ScannerModel(_clock) { Answers = false };
        var setup = new ScannerSetup(model, _clock, ScannerCommandTable.Gm65());
        var start = _clock.MonotonicMicroseconds;

        Assert.Equal(CommandStatus.NoReply, setup.DisableScanning());

        Assert.InRange(_clock.MonotonicMicroseconds - start, ScannerSetup.DefaultReplyTimeoutMicroseconds, ScannerSetup.DefaultReplyTimeoutMicroseconds + 20_000);
        Assert.Equal(ScannerModel.FactoryModeZone, model.Zones[0]);
    }

    [Fact]
    public void AReplyWithABadCrcIsNotTrusted()
    {
        var model = new ScannerModel(_clock) { CorruptsReplies = true };
        var setup = new ScannerSetup(model, _clock, ScannerCommandTable.Gm65());

        Assert.Equal(CommandStatus.BadReply, setup.DisableScanning());
        Assert.Single(model.Commands);
    }

    [Fact]
    public void ACodeScannedBeforeTheReplyIsSkipped()
    {
        var model = new ScannerModel(_clock);
        var setup = new ScannerSetup(model, _clock, ScannerCommandTable.Gm65());
        model.Present(Encoding.ASCII.GetBytes("\u0002 in the way"));

        Assert.Equal(CommandStatus.Ok, setup.ReadZone(0, out var zone));
        Assert.Equal(ScannerModel.FactoryModeZone, zone);
    }

    [Fact]
    public void SaveWritesTheModulesFlashOnce()
    {
        var model = new ScannerModel(_clock);
        var setup = new ScannerSetup(model, _clock, ScannerCommandTable.Gm65());

        Assert.Equal(CommandStatus.Ok, setup.Save());
        Assert.Equal(1, model.Saves);
    }

    [Fact]
    public void WriteThenReadReturnsTheValue()
    {
        var model = new ScannerModel(_clock);
        var setup = new ScannerSetup(model, _clock, ScannerCommandTable.Gm65());

        Assert.Equal(CommandStatus.Ok, setup.WriteZone(0x2A, 0x5C));
        Assert.Equal(CommandStatus.Ok, setup.ReadZone(0x2A, out var value));
        Assert.Equal((byte)0x5C, value);
    }

    private static ScannerCommandTable TableWithSuffixZone()
    {
        var table = ScannerCommandTable.Gm65();
        table.CarriageReturnSuffix = new ZoneSetting(TestSuffixZone, 0x07, 0x01);
        table.LineFeedSuffix = new ZoneSetting(TestSuffixZone, 0x07, 0x02);
        table.CarriageReturnLineFeedSuffix = new ZoneSetting(TestSuffixZone, 0x07, 0x03);
        table.NoSuffix = new ZoneSetting(TestSuffixZone, 0x07, 0x04);
        return table;
    }
}
