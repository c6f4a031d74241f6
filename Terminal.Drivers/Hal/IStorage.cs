namespace Terminal.Drivers.Hal
{
    /// <summary>
    /// Named files on the terminal's flash drive (LittleFS <c>I:</c> on the ESP32).
    /// Writes may be cut by a power loss at any byte: an append keeps a prefix of
    /// its bytes, a replace keeps the old or the new content, never a mix.
    /// </summary>
    public interface IStorage
    {
        bool Exists(string name);

        /// <summary>Length in bytes, or -1 when the file does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many were read.</summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>Adds bytes at the end, creating the file when missing.</summary>
        void Append(string name, byte[] buffer, int offset, int count);

        /// <summary>Replaces the whole content atomically (write a temporary file, then rename).</summary>
        void Replace(string name, byte[] buffer, int offset, int count);

        void Delete(string name);
    }
}
