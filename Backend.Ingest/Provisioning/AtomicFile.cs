using System.Text;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// Replaces a file in one step: the text goes to a temporary file beside it, is flushed to disk, then renamed over
/// the target, so a reader (Mosquitto at start, the backend at start) sees the old file or the new one, never half.
/// </summary>
public static class AtomicFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void WriteAllText(string path, string text, UnixFileMode mode) => Write(path, Encoding.UTF8.GetBytes(text), mode, overwrite: true);

    public static void WriteAllBytes(string path, byte[] bytes, UnixFileMode mode) => Write(path, bytes, mode, overwrite: true);

    /// <summary>Writes the file only if it does not exist yet; false when another writer got there first.</summary>
    public static bool TryCreate(string path, string text, UnixFileMode mode)
    {
        try
        {
            Write(path, Encoding.UTF8.GetBytes(text), mode, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    private static void Write(string path, byte[] bytes, UnixFileMode mode, bool overwrite)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
