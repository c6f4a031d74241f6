namespace Terminal.NanoReplay.Replay
{
    /// <summary>The runtime's free managed heap after a collection: nanoCLR's GC.Run on the device side, the GC's own figure on .NET.</summary>
    public interface IHeapGauge
    {
        long FreeBytesAfterCollection();
    }
}
