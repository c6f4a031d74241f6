using Terminal.Drivers.Indicators;
using Terminal.Drivers.Reader;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Indicators;
using Xunit;

namespace Terminal.Tests.Composition;

public sealed class TerminalBootReportTests
{
    [Fact]
    public void A_fresh_flash_boots_with_keys_an_empty_journal_and_nothing_installed()
    {
        var board = new CompositionBoard();
        board.Provision();

        var report = new TerminalFirmware(board.Board).Boot();

        Assert.True(report.KeysPresent);
        Assert.True(report.Serving);
        Assert.Equal(ReaderStatus.Ok, report.Reader);
        Assert.Equal(JournalStatus.Ok, report.Journal);
        Assert.Equal(0u, report.JournalUnacknowledged);
        Assert.Equal(1u, report.JournalNextSequence);
        Assert.Equal(BlacklistStatus.Empty, report.Blacklist);
        Assert.Equal(0u, report.BlacklistVersion);
        Assert.Equal(0, report.FareTablesRestored);
        Assert.Equal(0u, report.FareTableVersion);
        Assert.Contains("keys present", report.Describe());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Without_valid_keys_the_report_says_so_and_the_terminal_refuses_fares_with_a_clear_display(bool corrupt)
    {
        var board = new CompositionBoard();
        if (corrupt)
        {
            board.Provision();
            board.Flash.FlipBit(TerminalProvisioning.FileName, 20, 3);
        }

        var firmware = new TerminalFirmware(board.Board);
        var report = firmware.Boot();

        Assert.False(report.KeysPresent);
        Assert.False(report.Serving);
        Assert.Equal(corrupt ? ProvisioningStatus.Corrupt : ProvisioningStatus.Missing, report.Provisioning);
        Assert.Contains("keys missing", report.Describe());
        var card = MifareClassicCard.OneK([0x04, 0x52, 0x50, 0x11, 0x22, 0x33, 0x02]);
        board.Field.Enter(card);
        Assert.Equal(TapOutcome.NoCard, firmware.Step());
        Assert.Equal(IndicatorState.OutOfService, firmware.Panel.Shown.State);
        Assert.Equal("Out of service | Keys missing", board.Shown);
        Assert.True(board.Indicators.IsOn(IndicatorRecorder.Red));
        Assert.Equal(0u, firmware.Journal.LastSequence);
    }
}
