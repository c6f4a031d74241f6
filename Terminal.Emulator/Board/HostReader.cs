using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mfrc522;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Simulation.Mfrc522;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Board;

/// <summary>The reader half of the host board: the real MFRC522, ISO 14443A and MIFARE drivers on the chip model and an RF field.</summary>
public sealed class HostReader
{
    public HostReader(SimulatedClock clock)
        : this(new RfField(clock))
    {
    }

    /// <summary>
    /// A reader whose chip reaches <paramref name="field"/> through <paramref name="air"/> (e.g. a tracing channel),
    /// and whose driver reaches the chip through <paramref name="meter"/> when one is given.
    /// </summary>
    public HostReader(RfField field, IRfChannel? air = null, ModelAllocationMeter? meter = null)
    {
        Field = field;
        Chip = new Mfrc522Chip(air ?? field);
        Pcd = new Mfrc522(meter is null ? Chip : meter.Wrap(Chip), field.Clock);
        var init = Pcd.Init();
        InitStatus = init;
        if (init != ReaderStatus.Ok)
        {
            throw new InvalidOperationException($"The simulated MFRC522 did not initialise: {init}");
        }

        Iso = new Iso14443aReader(Pcd);
        Classic = new MifareClassic(Pcd);
    }

    public RfField Field { get; }

    public ReaderStatus InitStatus { get; }

    public Mfrc522Chip Chip { get; }

    public Mfrc522 Pcd { get; }

    public Iso14443aReader Iso { get; }

    public MifareClassic Classic { get; }
}
