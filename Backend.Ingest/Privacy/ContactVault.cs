using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Backend.Ingest.Privacy;

/// <summary>
/// Seals contact details with AES-256-GCM and computes their lookup hashes. A box is nonce (12 bytes), tag (16) and
/// ciphertext; the account id is its associated data, so a box copied onto another account's row does not open.
/// The lookup hashes are HMAC-SHA256 of the normalised value: exact matches only, which is why the desk can no
/// longer search by part of a name.
/// </summary>
public sealed class ContactVault(PrivacyKey key)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public byte[]? Seal(long accountId, ContactDetails contacts)
    {
        if (contacts.IsEmpty)
        {
            return null;
        }

        var plaintext = JsonSerializer.SerializeToUtf8Bytes(contacts);
        var box = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = box.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.SealingKey, TagBytes);
        aes.Encrypt(nonce, plaintext, box.AsSpan(NonceBytes + TagBytes), box.AsSpan(NonceBytes, TagBytes), AssociatedData(accountId));
        return box;
    }

    /// <summary>The details in <paramref name="box"/>; throws <see cref="PrivacyKeyMismatchException"/> when it does not open under this key.</summary>
    public ContactDetails Open(long accountId, byte[]? box)
    {
        if (box is null)
        {
            return ContactDetails.None;
        }

        if (box.Length < NonceBytes + TagBytes)
        {
            throw new PrivacyKeyMismatchException($"the sealed contacts of account {accountId} are truncated");
        }

        var plaintext = new byte[box.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key.SealingKey, TagBytes);
            aes.Decrypt(box.AsSpan(0, NonceBytes), box.AsSpan(NonceBytes + TagBytes), box.AsSpan(NonceBytes, TagBytes), plaintext, AssociatedData(accountId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new PrivacyKeyMismatchException($"the sealed contacts of account {accountId} do not open with this privacy key", e);
        }

        return JsonSerializer.Deserialize<ContactDetails>(plaintext)!;
    }

    public string? NameHash(string? name) => name is null ? null : Hash("name", NormalName(name));

    public string? EmailHash(string? email) => email is null ? null : Hash("email", email.Trim().ToLowerInvariant());

    public string? PhoneHash(string? phone) => phone is null ? null : Hash("phone", NormalPhone(phone));

    /// <summary>Case, accents' composition and runs of spaces do not matter; every letter does.</summary>
    private static string NormalName(string name) =>
        string.Join(' ', name.Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();

    /// <summary>Digits and a leading plus: "+44 20 7946-0000" and "+442079460000" are one number.</summary>
    private static string NormalPhone(string phone)
    {
        var trimmed = phone.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        return trimmed.StartsWith('+') ? "+" + digits : digits;
    }

    private string Hash(string field, string value) =>
        Convert.ToHexString(HMACSHA256.HashData(key.LookupKey, Encoding.UTF8.GetBytes(field + ":" + value)));

    private static byte[] AssociatedData(long accountId) => Encoding.ASCII.GetBytes("account:" + accountId);
}
