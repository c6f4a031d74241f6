namespace Backend.Tests.Provisioning;

/// <summary>A file's permission bits: the secrets must be owner-only. These tests run on Linux, beside Mosquitto.</summary>
internal static class UnixMode
{
    public static UnixFileMode Of(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("file modes are checked on Unix") : File.GetUnixFileMode(path);
}
