namespace Terminal.NanoBench
{
    /// <summary>
    /// Runs the device bench twice, the same entry point on nanoCLR and on .NET: the first pass warms .NET's JIT
    /// (and the interpreter's caches), the caller reads the second.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            DeviceBench.Run(1);
            DeviceBench.Run(1);
        }
    }
}
