using System.Security.Cryptography;
using System.Text;
using Backend.Ingest.Provisioning;

namespace Backend.Ingest.Privacy;

/// <summary>
/// The operator's privacy key: 32 random bytes in a file of the data directory (<see cref="FileName"/>, created with
/// mode 0600 at first start, never in the repository or build output), from which HKDF (RFC 5869, SHA-256) derives one
/// subkey per use, so that a hash published in a report can never help to open a sealed contact.
/// </summary>
public sealed class PrivacyKey
{
    public const string FileName = "privacy.key";

    private const int KeyBytes = 32;

    private PrivacyKey(byte[] master)
    {
        SealingKey = Derive(master, "busfare/contacts-seal/v1");
        LookupKey = Derive(master, "busfare/contact-lookup/v1");
        PseudonymKey = Derive(master, "busfare/card-pseudonym/v1");
        Check = Convert.ToHexString(HMACSHA256.HashData(Derive(master, "busfare/key-check/v1"), "privacy key check"u8))[..32];
    }

    /// <summary>AES-256-GCM key of <c>accounts.contacts_sealed</c>.</summary>
    internal byte[] SealingKey { get; }

    /// <summary>HMAC key of the contact lookup hashes.</summary>
    internal byte[] LookupKey { get; }

    /// <summary>HMAC key of the card UID pseudonyms staff outside customer service see.</summary>
    internal byte[] PseudonymKey { get; }

    /// <summary>A value that tells keys apart without revealing any of them (kept in <c>privacy_key_check</c>).</summary>
    public string Check { get; }

    /// <summary>
    /// Reads the key file at <paramref name="path"/>, creating it owner-only when missing. A file others may read, or one
    /// that does not hold a key, is refused with a message that names the file and what to do.
    /// </summary>
    public static PrivacyKey Load(string path)
    {
        var master = KeyFile.LoadOrCreate(
            path, KeyBytes, "the privacy key opens every passenger's contact details", "restore it from the backup (docs/privacy.md)");
        return new PrivacyKey(master);
    }

    private static byte[] Derive(byte[] master, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, master, KeyBytes, salt: [], info: Encoding.UTF8.GetBytes(purpose));
}
