using System.Security.Cryptography;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Simulation.Cards;
using Xunit;

namespace Terminal.Tests.Composition;

public sealed class RootJournalEquivalenceTests
{
    /// <summary>
    /// The journal of this script as the wiring before the composition root wrote it (the replay terminal's copy of
    /// Device/Program.cs, on main at d48c134): boot event, fare table activated, three taps (one refused for funds).
    /// </summary>
    private const string JournalBeforeTheRoot = "C16C013F1EC335BCB3618AC09FD1B176B50CF08F2C418224C8CBC824BC8DFB18";

    [Fact]
    public void A_fixed_tap_script_through_the_root_journals_the_same_bytes_as_the_old_wiring()
    {
        var board = new CompositionBoard();
        board.Provision();
        var firmware = new TerminalFirmware(board.Board);
        firmware.Boot();
        var message = board.FareTableMessage();
        Assert.Equal(DownlinkStatus.Applied, firmware.Downlink.Agent.Handle(message, 0, message.Length));
        var desk = new IssuingDesk(board.Keys);
        int[] balances = [1000, 100, 1000];
        for (var i = 0; i < balances.Length; i++)
        {
            var card = MifareClassicCard.OneK([0x04, 0x52, 0x50, 0x11, 0x22, 0x33, (byte)(i + 1)]);
            desk.Issue(card, i == 2 ? 1 : 0, EmulatedBus.ExpiryDay, balances[i]);
            board.Field.Enter(card);
            firmware.Step();
            board.Field.Remove(card);
            firmware.Step();
            board.Clock.Advance(200_000_000);
        }

        var buffer = new byte[TxRecordCodec.Size * 64];
        var count = firmware.Journal.ReadBatch(0, buffer, 0, 64);
        Assert.Equal(6, count);
        Assert.Equal(0, firmware.Faults);
        Assert.Equal(JournalBeforeTheRoot, Convert.ToHexString(SHA256.HashData(buffer.AsSpan(0, count * TxRecordCodec.Size))));
    }
}
