using Terminal.Drivers.Indicators;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Xunit;

namespace Terminal.Tests.Composition;

public sealed class TerminalFirmwareStepTests
{
    [Fact]
    public void The_fault_is_shown_in_the_fare_tables_language()
    {
        var (board, firmware) = Booted(languages: "fr");
        firmware.Step();

        board.ReaderThrows = true;
        firmware.Step();

        Assert.Equal("Panne terminal | Maintenance", board.Shown);
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("scanner")]
    [InlineData("uplink")]
    public void A_throwing_part_is_counted_shown_as_a_fault_for_30_s_then_the_resting_screen_returns(string part)
    {
        var (board, firmware) = Booted();
        firmware.Step();
        var resting = firmware.Panel.Shown;

        Switch(board, part, true);
        Assert.Equal(TapOutcome.NoCard, firmware.Step());
        Switch(board, part, false);

        Assert.Equal(1, firmware.Faults);
        Assert.IsType<IOException>(firmware.LastFault);
        Assert.Equal(IndicatorState.Fault, firmware.Panel.Shown.State);

        // A pass takes milliseconds of the scripted clock, so one second short of the hold is still within it.
        board.Clock.Advance(IndicatorPanel.FaultHoldMicroseconds - 1_000_000);
        firmware.Step();
        Assert.Equal(IndicatorState.Fault, firmware.Panel.Shown.State);

        board.Clock.Advance(1_000_000);
        firmware.Step();
        Assert.Equal(1, firmware.Faults);
        Assert.Equal(IndicatorState.Warning, firmware.Panel.Shown.State);
        Assert.Equal(WarningKind.BlacklistUnavailable, firmware.Panel.Shown.Warning);
        Assert.Equal(resting.State, firmware.Panel.Shown.State);
    }

    [Fact]
    public void A_tap_during_the_fault_hold_is_taken_and_its_result_replaces_the_fault()
    {
        var (board, firmware) = Booted();
        board.ScannerThrows = true;
        firmware.Step();
        board.ScannerThrows = false;

        var card = Issued(board, 0x08);
        board.Field.Enter(card);

        Assert.Equal(TapOutcome.Accepted, firmware.Step());
        Assert.Equal(IndicatorState.Accepted, firmware.Panel.Shown.State);
    }

    private static (CompositionBoard Board, TerminalFirmware Firmware) Booted(string? languages = null)
    {
        var board = new CompositionBoard();
        board.Provision();
        var firmware = new TerminalFirmware(board.Board);
        Assert.True(firmware.Boot().Serving);
        var message = board.FareTableMessage(languages: languages);
        Assert.Equal(DownlinkStatus.Applied, firmware.Downlink.Agent.Handle(message, 0, message.Length));
        return (board, firmware);
    }

    private static void Switch(CompositionBoard board, string part, bool throws)
    {
        board.ReaderThrows = throws && part == "reader";
        board.ScannerThrows = throws && part == "scanner";
        board.UplinkThrows = throws && part == "uplink";
    }

    private static MifareClassicCard Issued(CompositionBoard board, byte serial)
    {
        var card = MifareClassicCard.OneK([0x04, 0x52, 0x50, 0x11, 0x22, 0x33, serial]);
        new IssuingDesk(board.Keys).Issue(card, 0, EmulatedBus.ExpiryDay, 1000);
        return card;
    }
}
