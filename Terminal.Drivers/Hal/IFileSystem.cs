namespace Terminal.Drivers.Hal
{
    /// <summary>
    /// The flash drive's own file operations (LittleFS <c>I:</c> on the ESP32), with what a power cut leaves of
    /// each: a create or an append keeps a prefix of its bytes, a delete and a move either happened or did not.
    /// Nothing here is atomic across files; <see cref="Terminal.Drivers.Storage.AtomicReplaceStorage"/> builds
    /// the atomic replace the firmware needs out of these.
    /// </summary>
    public interface IFileSystem
    {
        bool Exists(string path);

        /// <summary>Length in bytes, or -1 when the file does not exist.</summary>
        int Length(string path);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many were read (0 for a missing file).</summary>
        int Read(string path, int position, byte[] buffer, int offset, int count);

        /// <summary>Adds bytes at the end, creating the file when missing.</summary>
        void Append(string path, byte[] buffer, int offset, int count);

        /// <summary>Creates the file, or empties an existing one, and writes the bytes.</summary>
        void Create(string path, byte[] buffer, int offset, int count);

        void Delete(string path);

        /// <summary>Renames a file; <paramref name="to"/> must not exist. A rename is one metadata commit: all or nothing.</summary>
        void Move(string from, string to);
    }
}
