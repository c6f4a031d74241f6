using System.IO;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>
    /// The LittleFS drive I: through nanoFramework's System.IO.FileSystem, one call per operation. The atomic
    /// replace is not here but in <see cref="Terminal.Drivers.Storage.AtomicReplaceStorage"/>, where tests reach it.
    /// </summary>
    public sealed class LittleFsFileSystem : IFileSystem
    {
        private const string Drive = "I:\\";

        public bool Exists(string path)
        {
            return File.Exists(Drive + path);
        }

        public int Length(string path)
        {
            string full = Drive + path;
            return File.Exists(full) ? (int)new FileInfo(full).Length : -1;
        }

        public int Read(string path, int position, byte[] buffer, int offset, int count)
        {
            string full = Drive + path;
            if (!File.Exists(full))
            {
                return 0;
            }

            using (var file = new FileStream(full, FileMode.Open, FileAccess.Read))
            {
                if (position >= file.Length)
                {
                    return 0;
                }

                file.Seek(position, SeekOrigin.Begin);
                return file.Read(buffer, offset, count);
            }
        }

        public void Append(string path, byte[] buffer, int offset, int count)
        {
            Write(path, FileMode.Append, buffer, offset, count);
        }

        public void Create(string path, byte[] buffer, int offset, int count)
        {
            Write(path, FileMode.Create, buffer, offset, count);
        }

        public void Delete(string path)
        {
            File.Delete(Drive + path);
        }

        public void Move(string from, string to)
        {
            File.Move(Drive + from, Drive + to);
        }

        private static void Write(string path, FileMode mode, byte[] buffer, int offset, int count)
        {
            using (var file = new FileStream(Drive + path, mode, FileAccess.Write))
            {
                file.Write(buffer, offset, count);
                file.Flush();
            }
        }
    }
}
