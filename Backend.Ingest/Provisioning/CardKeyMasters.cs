namespace Backend.Ingest.Provisioning;

/// <summary>
/// The card scheme's two masters a bus needs (docs/card-format.md): the one that diversifies each card's sector keys
/// and the one of its purse MACs, each a <see cref="KeyFile"/> of the data directory. The first provisioning creates
/// them for a new scheme; a scheme that already issues cards puts its custodian's copies there first, since the issuing
/// points and every bus must hold the same masters. The key-B master stays with the issuing points: no bus gets it.
/// </summary>
public sealed class CardKeyMasters
{
    public const string SectorKeyFileName = "card-sector-master.key";
    public const string MacFileName = "card-mac-master.key";
    public const int Size = 32;

    private CardKeyMasters(byte[] sectorKeyMaster, byte[] macMaster)
    {
        SectorKeyMaster = sectorKeyMaster;
        MacMaster = macMaster;
    }

    public byte[] SectorKeyMaster { get; }

    public byte[] MacMaster { get; }

    public static CardKeyMasters InDataDirectory(string dataDirectory) => new(
        KeyFile.LoadOrCreate(Path.Combine(dataDirectory, SectorKeyFileName), Size),
        KeyFile.LoadOrCreate(Path.Combine(dataDirectory, MacFileName), Size));
}
