using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// A salted PBKDF2-HMAC-SHA512 password hash in Mosquitto 2.0's own spelling, <c>$7$iterations$salt$hash</c>
/// (standard base64, a 12-byte salt and a 64-byte hash: anything else Mosquitto drops from its password file).
/// The credential store keeps this string, so the password file is generated without ever knowing a password.
/// </summary>
public sealed class MosquittoPasswordHash
{
    public const int SaltBytes = 12;
    public const int HashBytes = 64;

    /// <summary>
    /// Mosquitto 2.0.11's own default. Passwords are 144 random bits, so stretching is not what protects them, while
    /// every connection pays for it: measured here, 0.8 ms a verification at 101 iterations, 6.6 ms at 1,000, which
    /// for 2,000 terminals reconnecting at once is 1.6 s of CPU against 13 s.
    /// </summary>
    public const int DefaultIterations = 101;

    private const string Prefix = "$7$";

    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private MosquittoPasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    public int Iterations { get; }

    /// <summary>The salt in standard base64, as the dynamic-security plugin's <c>salt</c> field takes it.</summary>
    public string SaltBase64 => Convert.ToBase64String(_salt);

    /// <summary>The derived hash in standard base64, as the dynamic-security plugin's <c>password</c> field takes it.</summary>
    public string HashBase64 => Convert.ToBase64String(_hash);

    public static MosquittoPasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new MosquittoPasswordHash(iterations, salt, Derive(password, salt, iterations));
    }

    public static bool TryParse(string? text, out MosquittoPasswordHash? hash)
    {
        hash = null;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text[Prefix.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1
            || !TryDecode(parts[1], SaltBytes, out var salt) || !TryDecode(parts[2], HashBytes, out var derived))
        {
            return false;
        }

        hash = new MosquittoPasswordHash(iterations, salt, derived);
        return true;
    }

    public bool Verify(string password) => CryptographicOperations.FixedTimeEquals(Derive(password, _salt, Iterations), _hash);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Iterations}${SaltBase64}${HashBase64}");

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);

    private static bool TryDecode(string base64, int length, out byte[] bytes)
    {
        bytes = new byte[length];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == length
            && Convert.ToBase64String(bytes) == base64;
    }
}
