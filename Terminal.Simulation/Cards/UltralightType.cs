namespace Terminal.Simulation.Cards;

/// <summary>
/// MIFARE Ultralight family memory sizes in 4-byte pages (NTAG §8.5; AR PICCMemoryLayout).
/// NTAG21x keep their configuration in the last four pages and their capability container in page 3.
/// </summary>
public sealed record UltralightType(string Name, int Pages, bool IsNtag, byte CapabilityContainerSize)
{
    public static readonly UltralightType Ultralight = new("MIFARE Ultralight", 16, false, 0);

    public static readonly UltralightType Ntag213 = new("NTAG213", 45, true, 0x12);

    public static readonly UltralightType Ntag215 = new("NTAG215", 135, true, 0x3E);

    public static readonly UltralightType Ntag216 = new("NTAG216", 231, true, 0x6D);

    public int LastPage => Pages - 1;

    /// <summary>NTAG: the page holding MIRROR/AUTH0 configuration (CFG0); the password follows two pages later.</summary>
    public int ConfigurationPage => Pages - 4;
}
