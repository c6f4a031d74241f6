using Terminal.Drivers.Indicators;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Indicators;
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

    private static MifareClassicCard Issued(CompositionBoard board, byte serial)
    {
        var card = MifareClassicCard.OneK([0x04, 0x52, 0x50, 0x11, 0x22, 0x33, serial]);
        new IssuingDesk(board.Keys).Issue(card, 0, EmulatedBus.ExpiryDay, 1000);
        return card;
    }
}
