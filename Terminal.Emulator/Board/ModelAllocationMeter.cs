using Terminal.Drivers.Hal;

namespace Terminal.Emulator.Board;

/// <summary>
/// Counts the bytes the hardware models allocate while the firmware calls into them (SPI to the chip model,
/// storage to the flash model), so that a measurement can subtract them and report the firmware's own.
/// The counter is per thread and exact: GC.GetAllocatedBytesForCurrentThread around each call.
/// </summary>
public sealed class ModelAllocationMeter
{
    public long ModelBytes { get; private set; }

    public ISpiDevice Wrap(ISpiDevice device) => new MeteredSpi(device, this);

    public IStorage Wrap(IStorage storage) => new MeteredStorage(storage, this);

    /// <summary>Starts a metered call; the caller passes the result to <see cref="End"/>. No closures: they would allocate on the firmware's side.</summary>
    private static long Begin() => GC.GetAllocatedBytesForCurrentThread();

    private void End(long before) => ModelBytes += GC.GetAllocatedBytesForCurrentThread() - before;

    private sealed class MeteredSpi(ISpiDevice device, ModelAllocationMeter meter) : ISpiDevice
    {
        public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            var before = Begin();
            device.Transfer(write, writeOffset, read, readOffset, count);
            meter.End(before);
        }
    }

    private sealed class MeteredStorage(IStorage storage, ModelAllocationMeter meter) : IStorage
    {
        public bool Exists(string name)
        {
            var before = Begin();
            var exists = storage.Exists(name);
            meter.End(before);
            return exists;
        }

        public int Length(string name)
        {
            var before = Begin();
            var length = storage.Length(name);
            meter.End(before);
            return length;
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            var before = Begin();
            var read = storage.Read(name, position, buffer, offset, count);
            meter.End(before);
            return read;
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            var before = Begin();
            try
            {
                storage.Append(name, buffer, offset, count);
            }
            finally
            {
                meter.End(before);
            }
        }

        public void Replace(string name, byte[] buffer, int offset, int count)
        {
            var before = Begin();
            try
            {
                storage.Replace(name, buffer, offset, count);
            }
            finally
            {
                meter.End(before);
            }
        }

        public void Delete(string name)
        {
            var before = Begin();
            try
            {
                storage.Delete(name);
            }
            finally
            {
                meter.End(before);
            }
        }
    }
}
