using Terminal.Drivers.Hal;
using Terminal.Drivers.Storage;

namespace Terminal.Simulation.Flash;

/// <summary>
/// The LittleFS drive <c>I:</c> in memory, with power cuts that can be armed at any byte of any write. It models
/// the drive's own operations (<see cref="IFileSystem"/>), and offers the firmware's files (<see cref="IStorage"/>)
/// through the firmware's own <see cref="AtomicReplaceStorage"/> over them, so a replace is the real sequence of
/// create, rename, delete and rename, each of which a cut can stop.
/// <list type="bullet">
/// <item>Append or create cut at byte k: exactly the first k bytes are kept (a create leaves the file, maybe empty).</item>
/// <item>Delete and move (rename): a cut at 0 leaves the file as it was, at 1 the operation is done.</item>
/// <item>After a cut every operation throws <see cref="PowerCutException"/> until <see cref="PowerOn"/>.</item>
/// </list>
/// Capacity counts file bytes only (LittleFS block rounding and metadata are not modelled: leave a margin).
/// A replace needs room for the new content while the old one still exists, as copy-on-write does.
/// A write that does not fit throws <see cref="FlashFullException"/> and writes nothing.
/// Reading a missing file, or past its end, reads 0 bytes.
/// </summary>
public sealed class SimulatedFlash : IStorage
{
    public const int DefaultCapacity = 3 * 1024 * 1024;

    private readonly Dictionary<string, FileBytes> files = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private readonly List<FlashWrite> recorded = [];
    private bool recording;
    private long writeOrdinal;
    private long armedOrdinal = -1;
    private int armedPosition;
    private bool powerCut;
    private long reads, bytesRead, writes, bytesWritten, metadataQueries;

    private AtomicReplaceStorage storage;

    public SimulatedFlash(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        storage = new AtomicReplaceStorage(new Drive(this));
    }

    public int Capacity { get; }

    public int UsedBytes
    {
        get
        {
            lock (gate)
            {
                return files.Values.Sum(f => f.Length);
            }
        }
    }

    public int FreeBytes => Capacity - UsedBytes;

    public bool IsPoweredOff
    {
        get
        {
            lock (gate)
            {
                return powerCut;
            }
        }
    }

    public FlashStatistics Statistics
    {
        get
        {
            lock (gate)
            {
                return new FlashStatistics(reads, bytesRead, writes, bytesWritten, metadataQueries);
            }
        }
    }

    public IReadOnlyCollection<string> FileNames
    {
        get
        {
            lock (gate)
            {
                return files.Keys.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>The write operations since <see cref="StartRecording"/>, in order; a cut one is included.</summary>
    public IReadOnlyList<FlashWrite> RecordedWrites
    {
        get
        {
            lock (gate)
            {
                return recorded.ToArray();
            }
        }
    }

    /// <summary>Clears the write log and starts filling it (a long emulator run does not keep one by default).</summary>
    public void StartRecording()
    {
        lock (gate)
        {
            recorded.Clear();
            recording = true;
        }
    }

    /// <summary>
    /// Arms a cut inside the write operation <paramref name="writesFromNow"/> places ahead (0 = the next one),
    /// after <paramref name="atPosition"/> of its units (see <see cref="FlashWrite"/>); a position past the
    /// operation's size counts as its size.
    /// </summary>
    public void ArmPowerCut(int writesFromNow, int atPosition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(writesFromNow);
        ArgumentOutOfRangeException.ThrowIfNegative(atPosition);
        lock (gate)
        {
            armedOrdinal = writeOrdinal + writesFromNow;
            armedPosition = atPosition;
        }
    }

    public void DisarmPowerCut()
    {
        lock (gate)
        {
            armedOrdinal = -1;
        }
    }

    /// <summary>
    /// Restores power after a cut; the flash keeps what reached it. The firmware's file layer starts afresh, as it
    /// does when the terminal boots again, and settles each file at its first use.
    /// </summary>
    public void PowerOn()
    {
        lock (gate)
        {
            powerCut = false;
            armedOrdinal = -1;
            storage = new AtomicReplaceStorage(new Drive(this));
        }
    }

    /// <summary>An independent copy of the content and the write ordinal (not the statistics, log or armed cut).</summary>
    public SimulatedFlash Clone()
    {
        lock (gate)
        {
            var copy = new SimulatedFlash(Capacity) { writeOrdinal = writeOrdinal };
            foreach (var (name, file) in files)
            {
                copy.files[name] = file.Copy();
            }

            return copy;
        }
    }

    /// <summary>Flips one bit in place, as a worn or disturbed cell would; not counted as a write.</summary>
    public void FlipBit(string name, int position, int bit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bit, 7);
        lock (gate)
        {
            var file = files.TryGetValue(name, out var f) ? f : throw new FileNotFoundException("No such file on the flash", name);
            ArgumentOutOfRangeException.ThrowIfNegative(position);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, file.Length);
            file.Data[position] ^= (byte)(1 << bit);
        }
    }

    /// <summary>
    /// A copy of a file's bytes as the firmware would read them (a committed replace a cut interrupted counts as
    /// done), for inspection, without counting a read; null when missing.
    /// </summary>
    public byte[]? Peek(string name)
    {
        lock (gate)
        {
            return files.TryGetValue(name + AtomicReplaceStorage.CommittedSuffix, out var committed) || files.TryGetValue(name, out committed)
                ? committed.Data.AsSpan(0, committed.Length).ToArray()
                : null;
        }
    }

    public bool Exists(string name)
    {
        lock (gate)
        {
            return storage.Exists(name);
        }
    }

    public int Length(string name)
    {
        lock (gate)
        {
            return storage.Length(name);
        }
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        lock (gate)
        {
            return storage.Read(name, position, buffer, offset, count);
        }
    }

    public void Append(string name, byte[] buffer, int offset, int count)
    {
        lock (gate)
        {
            storage.Append(name, buffer, offset, count);
        }
    }

    public void Replace(string name, byte[] buffer, int offset, int count)
    {
        lock (gate)
        {
            storage.Replace(name, buffer, offset, count);
        }
    }

    public void Delete(string name)
    {
        lock (gate)
        {
            storage.Delete(name);
        }
    }

    private static void CheckRange(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset);
    }

    private void ThrowIfPoweredOff()
    {
        if (powerCut)
        {
            throw new PowerCutException("The flash has no power: call PowerOn() first.");
        }
    }

    private void EnsureRoom(string name, int count)
    {
        int used = files.Values.Sum(f => f.Length);
        if (used + count > Capacity)
        {
            throw new FlashFullException($"No room on the flash for {count} bytes of '{name}': {Capacity - used} of {Capacity} bytes free.");
        }
    }

    /// <summary>Counts and logs the operation; returns how many of its units reach the flash.</summary>
    private int BeginWrite(FlashWriteKind kind, string name, int length)
    {
        var write = new FlashWrite(writeOrdinal, kind, name, length);
        if (recording)
        {
            recorded.Add(write);
        }

        writes++;
        if (writeOrdinal == armedOrdinal)
        {
            powerCut = true;
            return Math.Min(armedPosition, write.Size);
        }

        return write.Size;
    }

    private void EndWrite()
    {
        writeOrdinal++;
        if (powerCut)
        {
            armedOrdinal = -1;
            throw new PowerCutException($"Power cut during write #{writeOrdinal - 1}.");
        }
    }

    /// <summary>The drive's own operations, each counted, logged and cut as armed; callers hold the gate.</summary>
    private sealed class Drive(SimulatedFlash flash) : IFileSystem
    {
        public bool Exists(string path)
        {
            ArgumentNullException.ThrowIfNull(path);
            flash.ThrowIfPoweredOff();
            flash.metadataQueries++;
            return flash.files.ContainsKey(path);
        }

        public int Length(string path)
        {
            ArgumentNullException.ThrowIfNull(path);
            flash.ThrowIfPoweredOff();
            flash.metadataQueries++;
            return flash.files.TryGetValue(path, out var file) ? file.Length : -1;
        }

        public int Read(string path, int position, byte[] buffer, int offset, int count)
        {
            ArgumentNullException.ThrowIfNull(path);
            ArgumentOutOfRangeException.ThrowIfNegative(position);
            CheckRange(buffer, offset, count);
            flash.ThrowIfPoweredOff();
            flash.reads++;
            if (!flash.files.TryGetValue(path, out var file) || position >= file.Length)
            {
                return 0;
            }

            int n = Math.Min(count, file.Length - position);
            Array.Copy(file.Data, position, buffer, offset, n);
            flash.bytesRead += n;
            return n;
        }

        public void Append(string path, byte[] buffer, int offset, int count)
        {
            ArgumentNullException.ThrowIfNull(path);
            CheckRange(buffer, offset, count);
            flash.ThrowIfPoweredOff();
            flash.EnsureRoom(path, count);
            int kept = flash.BeginWrite(FlashWriteKind.Append, path, count);
            if (!flash.files.TryGetValue(path, out var file))
            {
                file = new FileBytes();
                flash.files[path] = file;
            }

            file.Append(buffer, offset, kept);
            flash.bytesWritten += kept;
            flash.EndWrite();
        }

        public void Create(string path, byte[] buffer, int offset, int count)
        {
            ArgumentNullException.ThrowIfNull(path);
            CheckRange(buffer, offset, count);
            flash.ThrowIfPoweredOff();
            flash.EnsureRoom(path, count - (flash.files.TryGetValue(path, out var old) ? old.Length : 0));
            int kept = flash.BeginWrite(FlashWriteKind.Create, path, count);
            var file = new FileBytes();
            file.Append(buffer, offset, kept);
            flash.files[path] = file;
            flash.bytesWritten += kept;
            flash.EndWrite();
        }

        public void Delete(string path)
        {
            ArgumentNullException.ThrowIfNull(path);
            flash.ThrowIfPoweredOff();
            if (flash.BeginWrite(FlashWriteKind.Delete, path, 0) == 1)
            {
                flash.files.Remove(path);
            }

            flash.EndWrite();
        }

        public void Move(string from, string to)
        {
            ArgumentNullException.ThrowIfNull(from);
            ArgumentNullException.ThrowIfNull(to);
            flash.ThrowIfPoweredOff();
            if (!flash.files.TryGetValue(from, out var file))
            {
                throw new FileNotFoundException("No such file on the flash to rename", from);
            }

            if (flash.files.ContainsKey(to))
            {
                throw new IOException($"Cannot rename '{from}' to '{to}': '{to}' exists.");
            }

            if (flash.BeginWrite(FlashWriteKind.Move, to, 0) == 1)
            {
                flash.files.Remove(from);
                flash.files[to] = file;
            }

            flash.EndWrite();
        }
    }

    private sealed class FileBytes
    {
        public byte[] Data { get; private set; } = [];

        public int Length { get; private set; }

        public void Append(byte[] source, int offset, int count)
        {
            if (Length + count > Data.Length)
            {
                var grown = new byte[Math.Max(Length + count, Math.Max(64, Data.Length * 2))];
                Array.Copy(Data, grown, Length);
                Data = grown;
            }

            Array.Copy(source, offset, Data, Length, count);
            Length += count;
        }

        public FileBytes Copy()
        {
            var copy = new FileBytes();
            copy.Append(Data, 0, Length);
            return copy;
        }
    }
}
