using System.Security.Cryptography;

namespace Terminal.Emulator.Backoffice;

/// <summary>
/// The card scheme's secrets for one emulator run or test, never stored: the masters that diversify card keys and
/// MAC keys, and the backend's signing key. Generated at start, or the masters of a provisioned terminal's
/// terminal.key, so that the run's issuing desk makes cards that terminal accepts.
/// </summary>
public sealed class SchemeKeys
{
    public const int BackendKeyId = 1;

    public SchemeKeys()
        : this(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32))
    {
    }

    public SchemeKeys(byte[] sectorKeyMaster, byte[] macMaster)
    {
        SectorKeyMaster = sectorKeyMaster;
        MacMaster = macMaster;
    }

    public byte[] SectorKeyMaster { get; }

    public byte[] MacMaster { get; }

    /// <summary>Held by issuing and top-up points only, never by a bus.</summary>
    public byte[] KeyBMaster { get; } = RandomNumberGenerator.GetBytes(32);

    public BackendSigningKey Backend { get; } = new(BackendKeyId);
}
