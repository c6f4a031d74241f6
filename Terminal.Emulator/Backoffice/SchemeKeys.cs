using System.Security.Cryptography;

namespace Terminal.Emulator.Backoffice;

/// <summary>
/// The card scheme's secrets for one emulator run or test, generated at start and never stored:
/// the masters that diversify card keys and MAC keys, and the backend's signing key.
/// </summary>
public sealed class SchemeKeys
{
    public const int BackendKeyId = 1;

    public byte[] SectorKeyMaster { get; } = RandomNumberGenerator.GetBytes(32);

    public byte[] MacMaster { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>Held by issuing and top-up points only, never by a bus.</summary>
    public byte[] KeyBMaster { get; } = RandomNumberGenerator.GetBytes(32);

    public BackendSigningKey Backend { get; } = new(BackendKeyId);
}
