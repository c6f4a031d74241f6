using Terminal.NanoReplay.Replay;

namespace Terminal.NanoReplay
{
    /// <summary>
    /// The free managed heap: on nanoCLR what nanoFramework's GC.Run reports after a collection (without compaction:
    /// a second compacting run crashes the posix nanoCLR), on .NET the negated live heap, so that the difference of two
    /// readings is the heap taken in between on either runtime.
    /// </summary>
    public sealed class RuntimeHeapGauge : IHeapGauge
    {
        public long FreeBytesAfterCollection()
        {
#if NANOFRAMEWORK_1_0
            return nanoFramework.Runtime.Native.GC.Run(false);
#else
            return -System.GC.GetTotalMemory(true);
#endif
        }
    }
}
