using System;
using Terminal.Drivers.Hal;

namespace Terminal.NanoTests
{
    /// <summary>
    /// Files in RAM, for the journal and the blacklist on nanoCLR (which has no file system). Every write is whole.
    /// Also the drive's plain operations (<see cref="IFileSystem"/>), for the firmware's atomic replace over them.
    /// </summary>
    public sealed class MemoryStorage : IStorage, IFileSystem
    {
        private string[] _names = new string[8];
        private byte[][] _contents = new byte[8][];
        private int[] _lengths = new int[8];
        private int _count;

        public bool Exists(string name)
        {
            return IndexOf(name) >= 0;
        }

        public int Length(string name)
        {
            int index = IndexOf(name);
            return index < 0 ? -1 : _lengths[index];
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            int index = IndexOf(name);
            if (index < 0 || position >= _lengths[index])
            {
                return 0;
            }

            int available = _lengths[index] - position;
            int read = count < available ? count : available;
            Array.Copy(_contents[index], position, buffer, offset, read);
            return read;
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            int index = IndexOf(name);
            if (index < 0)
            {
                index = Add(name);
            }

            Reserve(index, _lengths[index] + count);
            Array.Copy(buffer, offset, _contents[index], _lengths[index], count);
            _lengths[index] += count;
        }

        public void Replace(string name, byte[] buffer, int offset, int count)
        {
            int index = IndexOf(name);
            if (index < 0)
            {
                index = Add(name);
            }

            _contents[index] = new byte[count];
            Array.Copy(buffer, offset, _contents[index], 0, count);
            _lengths[index] = count;
        }

        public void Delete(string name)
        {
            int index = IndexOf(name);
            if (index < 0)
            {
                return;
            }

            _count--;
            _names[index] = _names[_count];
            _contents[index] = _contents[_count];
            _lengths[index] = _lengths[_count];
        }

        public void Create(string path, byte[] buffer, int offset, int count)
        {
            Replace(path, buffer, offset, count);
        }

        public void Move(string from, string to)
        {
            _names[IndexOf(from)] = to;
        }

        /// <summary>Flips one bit of a stored file, as a worn flash cell would.</summary>
        public void FlipBit(string name, int position, int bit)
        {
            int index = IndexOf(name);
            _contents[index][position] ^= (byte)(1 << bit);
        }

        private int IndexOf(string name)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        private int Add(string name)
        {
            if (_count == _names.Length)
            {
                var names = new string[_count * 2];
                var contents = new byte[_count * 2][];
                var lengths = new int[_count * 2];
                Array.Copy(_names, names, _count);
                Array.Copy(_contents, contents, _count);
                Array.Copy(_lengths, lengths, _count);
                _names = names;
                _contents = contents;
                _lengths = lengths;
            }

            _names[_count] = name;
            _contents[_count] = new byte[64];
            _lengths[_count] = 0;
            return _count++;
        }

        private void Reserve(int index, int length)
        {
            if (_contents[index].Length >= length)
            {
                return;
            }

            int size = _contents[index].Length * 2;
            var grown = new byte[size > length ? size : length];
            Array.Copy(_contents[index], grown, _lengths[index]);
            _contents[index] = grown;
        }
    }
}
