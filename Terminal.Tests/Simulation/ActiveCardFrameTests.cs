using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Emulator.Board;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Timing;
using Xunit;

namespace Terminal.Tests.Simulation;

/// <summary>Data that happens to start like an activation command is still data to an active card.</summary>
public sealed class ActiveCardFrameTests
{
    [Theory]
    [InlineData(0x93)]
    [InlineData(0x95)]
    [InlineData(0x97)]
    public void ABlockStartingWithACascadeCodeIsWrittenAndReadBack(byte first)
    {
        var reader = new HostReader(new SimulatedClock());
        var card = MifareClassicCard.OneK([0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66]);
        reader.Field.Enter(card);
        var selected = new SelectedCard();
        var transport = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        var data = new byte[16];
        data[0] = first;
        data[1] = 0x70;
        data[15] = 0x5A;

        Assert.Equal(ReaderStatus.Ok, reader.Iso.DetectCard(selected));
        Assert.Equal(ReaderStatus.Ok, reader.Classic.Authenticate(MifareKeyType.A, 5, transport, 0, selected.Uid));
        Assert.Equal(ReaderStatus.Ok, reader.Classic.WriteBlock(5, data, 0));
        var back = new byte[16];
        Assert.Equal(ReaderStatus.Ok, reader.Classic.ReadBlock(5, back, 0));
        Assert.Equal(data, back);
        Assert.Equal(data, card.ReadBlock(5));
    }
}
