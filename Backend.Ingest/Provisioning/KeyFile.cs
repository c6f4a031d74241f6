using System.Security.Cryptography;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// A secret key kept in a file of the data directory: base64 of random bytes, created owner-only (0600) the first time
/// it is asked for, so every later start and every command finds the same key. A file others may read, or one that does
/// not hold a key of the right size, is refused with a message that names the file, what the key guards and where a
/// good copy is.
/// </summary>
public static class KeyFile
{
    /// <param name="guards">What the key opens, said when others may read it.</param>
    /// <param name="restore">Where to get the key back from, said when the file holds none.</param>
    public static byte[] LoadOrCreate(string path, int size, string guards = "it holds a secret key", string restore = "restore it from the key custodian's copy")
    {
        AtomicFile.TryCreate(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(size)) + "\n", AtomicFile.OwnerOnly);
        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"{path} may be read or written by others: chmod 600 it ({guards})");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            key = [];
        }

        return key.Length == size
            ? key
            : throw new InvalidDataException($"{path} does not hold a {size}-byte key in base64: {restore}");
    }
}
