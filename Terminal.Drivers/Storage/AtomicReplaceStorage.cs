using Terminal.Drivers.Hal;

namespace Terminal.Drivers.Storage
{
    /// <summary>
    /// The firmware's files (<see cref="IStorage"/>) over the drive's plain file operations, with a replace that
    /// a power cut at any step leaves holding the old content or the new one, never a part of either.
    /// <para>A replace of "name" writes "name.tmp", renames it to "name.new", deletes "name" and renames
    /// "name.new" to "name". The rename to ".new" is the commit: a ".new" only ever exists complete, so one found
    /// after a cut finishes the replace before the file is used, while a ".tmp" is an uncommitted write, never
    /// read and deleted. Only this instance's replaces make either, and a cut restarts the firmware with a new
    /// instance, so each file is settled at its first use after boot (and again after a replace that threw).</para>
    /// <para>Invariants: the content of "name" is the last committed replace or the appends after it; a file
    /// name given here never ends in ".tmp" or ".new" (those are this class's). Allocation: a file's two
    /// suffixed names, once, while it keeps its slot among <see cref="RememberedNames"/>.</para>
    /// </summary>
    public sealed class AtomicReplaceStorage : IStorage
    {
        public const string UncommittedSuffix = ".tmp";
        public const string CommittedSuffix = ".new";

        /// <summary>Slots for file names, well above the firmware's files (blacklist tables, journal segments, state).</summary>
        public const int RememberedNames = 256;

        /// <summary>How many slots after a name's home slot it may take before it evicts the home slot's name.</summary>
        private const int Probes = 8;

        private readonly IFileSystem _files;
        private readonly string[] _names = new string[RememberedNames];
        private readonly string[] _committedNames = new string[RememberedNames];
        private readonly string[] _uncommittedNames = new string[RememberedNames];
        private readonly bool[] _settled = new bool[RememberedNames];

        public AtomicReplaceStorage(IFileSystem files)
        {
            _files = files;
        }

        public bool Exists(string name)
        {
            Settle(name);
            return _files.Exists(name);
        }

        public int Length(string name)
        {
            Settle(name);
            return _files.Length(name);
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            Settle(name);
            return _files.Read(name, position, buffer, offset, count);
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            Settle(name);
            _files.Append(name, buffer, offset, count);
        }

        public void Replace(string name, byte[] buffer, int offset, int count)
        {
            int slot = Settle(name);

            // Until the last rename, a failure (a full drive, a cut) leaves work for the next use to settle.
            _settled[slot] = false;
            _files.Create(_uncommittedNames[slot], buffer, offset, count);
            _files.Move(_uncommittedNames[slot], _committedNames[slot]);
            Promote(name, slot);
            _settled[slot] = true;
        }

        public void Delete(string name)
        {
            Settle(name);
            if (_files.Exists(name))
            {
                _files.Delete(name);
            }
        }

        /// <summary>
        /// At a file's first use: finishes a committed replace a cut interrupted and deletes an uncommitted write.
        /// Returns the slot of the file's suffixed names.
        /// </summary>
        private int Settle(string name)
        {
            int slot = SlotOf(name);
            if (_settled[slot])
            {
                return slot;
            }

            if (_files.Exists(_committedNames[slot]))
            {
                Promote(name, slot);
            }

            if (_files.Exists(_uncommittedNames[slot]))
            {
                _files.Delete(_uncommittedNames[slot]);
            }

            _settled[slot] = true;
            return slot;
        }

        private void Promote(string name, int slot)
        {
            if (_files.Exists(name))
            {
                _files.Delete(name);
            }

            _files.Move(_committedNames[slot], name);
        }

        private int SlotOf(string name)
        {
            int home = HomeSlot(name);
            for (int probe = 0; probe < Probes; probe++)
            {
                int slot = (home + probe) % RememberedNames;
                if (_names[slot] == null)
                {
                    return Claim(slot, name);
                }

                if (_names[slot] == name)
                {
                    return slot;
                }
            }

            return Claim(home, name);
        }

        private int Claim(int slot, string name)
        {
            _names[slot] = name;
            _committedNames[slot] = name + CommittedSuffix;
            _uncommittedNames[slot] = name + UncommittedSuffix;
            _settled[slot] = false;
            return slot;
        }

        /// <summary>FNV-1a over the name's characters: the same on every runtime, unlike a string's own hash code.</summary>
        private static int HomeSlot(string name)
        {
            uint hash = 2166136261;
            for (int i = 0; i < name.Length; i++)
            {
                hash = (hash ^ name[i]) * 16777619;
            }

            return (int)(hash % RememberedNames);
        }
    }
}
