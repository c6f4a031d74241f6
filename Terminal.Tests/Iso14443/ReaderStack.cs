using Terminal.Drivers.Iso14443;
using Mfrc522Driver = Terminal.Drivers.Mfrc522.Mfrc522;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Simulation.Mfrc522;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Timing;
using Xunit;

namespace Terminal.Tests.Iso14443;

/// <summary>
/// The whole reader path a tap takes: protocol layers → MFRC522 driver → chip model (SPI bytes) →
/// RF field → virtual cards, on one simulated clock.
/// </summary>
internal sealed class ReaderStack
{
    public ReaderStack(params IVirtualCard[] cards)
    {
        Field = new RfField(Clock);
        Chip = new Mfrc522Chip(Field);
        Pcd = new Mfrc522Driver(Chip, Clock);
        Assert.Equal(ReaderStatus.Ok, Pcd.Init());
        foreach (var card in cards)
        {
            Field.Enter(card);
        }

        Reader = new Iso14443aReader(Pcd);
        Classic = new MifareClassic(Pcd);
        Ultralight = new Ultralight(Pcd);
    }

    public SimulatedClock Clock { get; } = new();

    public RfField Field { get; }

    public Mfrc522Chip Chip { get; }

    public Mfrc522Driver Pcd { get; }

    public Iso14443aReader Reader { get; }

    public MifareClassic Classic { get; }

    public Ultralight Ultralight { get; }

    public SelectedCard Card { get; } = new();

    /// <summary>Exchanges on the air so far: the index the next one gets.</summary>
    public long Exchanges => Field.ExchangeCount;

    public ReaderStatus Detect() => Reader.DetectCard(Card);

    public void DetectOk() => Assert.Equal(ReaderStatus.Ok, Detect());

    public byte[] SelectedUid => Card.Uid.Bytes[..Card.Uid.Length];
}
