using System.IO;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>
    /// Files on the LittleFS drive I:. Replace writes "name.new", then deletes "name" and moves
    /// the new file into place; a power cut between those two steps leaves only a complete
    /// "name.new", which the next access promotes.
    /// </summary>
    public sealed class LittleFsStorage : IStorage
    {
        private const string Drive = "I:\\";
        private const string NewSuffix = ".new";

        public bool Exists(string name)
        {
            return File.Exists(Path(name));
        }

        public int Length(string name)
        {
            string path = Path(name);
            if (!File.Exists(path))
            {
                return -1;
            }

            return (int)new FileInfo(path).Length;
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            string path = Path(name);
            if (!File.Exists(path))
            {
                return 0;
            }

            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (position >= file.Length)
                {
                    return 0;
                }

                file.Seek(position, SeekOrigin.Begin);
                return file.Read(buffer, offset, count);
            }
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            using (var file = new FileStream(Path(name), FileMode.Append, FileAccess.Write))
            {
                file.Write(buffer, offset, count);
                file.Flush();
            }
        }

        public void Replace(string name, byte[] buffer, int offset, int count)
        {
            string path = Drive + name;
            string fresh = path + NewSuffix;
            using (var file = new FileStream(fresh, FileMode.Create, FileAccess.Write))
            {
                file.Write(buffer, offset, count);
                file.Flush();
            }

            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(fresh, path);
        }

        public void Delete(string name)
        {
            string path = Path(name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        private static string Path(string name)
        {
            string path = Drive + name;
            string fresh = path + NewSuffix;
            if (!File.Exists(path) && File.Exists(fresh))
            {
                File.Move(fresh, path);
            }

            return path;
        }
    }
}
