namespace Terminal.Simulation.Flash;

/// <summary>
/// Cuts the power at every write of an operation, at every byte (or a sample of bytes for long writes), and
/// lets the caller check what the flash holds afterwards. The operation must be deterministic: the sweep
/// records its writes on one clean run and replays it once per cut point on a fresh flash.
/// </summary>
public static class PowerCutSweep
{
    /// <param name="prepare">Builds the flash in its state before the operation; called once per run.</param>
    /// <param name="operation">The work under test; it must let <see cref="PowerCutException"/> escape.</param>
    /// <param name="verify">Called after each cut with the flash powered on again, the cut write and the position.</param>
    /// <param name="maxPositionsPerWrite">Above this many positions a write is sampled: both ends plus random ones.</param>
    /// <returns>How many cuts were made.</returns>
    public static int Run(
        Func<SimulatedFlash> prepare,
        Action<SimulatedFlash> operation,
        Action<SimulatedFlash, FlashWrite, int> verify,
        int maxPositionsPerWrite = int.MaxValue,
        int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPositionsPerWrite, 4);
        var probe = prepare();
        probe.StartRecording();
        operation(probe);
        var writes = probe.RecordedWrites;
        var random = new Random(seed);
        int cuts = 0;
        for (int i = 0; i < writes.Count; i++)
        {
            foreach (int position in Positions(writes[i].Size, maxPositionsPerWrite, random))
            {
                var flash = prepare();
                flash.ArmPowerCut(i, position);
                try
                {
                    operation(flash);
                }
                catch (PowerCutException)
                {
                }

                if (!flash.IsPoweredOff)
                {
                    throw new InvalidOperationException($"The run did not reach write {i} ({writes[i]}): the operation is not deterministic.");
                }

                flash.PowerOn();
                verify(flash, writes[i], position);
                cuts++;
            }
        }

        return cuts;
    }

    private static IEnumerable<int> Positions(int size, int max, Random random)
    {
        if (size + 1 <= max)
        {
            return Enumerable.Range(0, size + 1);
        }

        var chosen = new SortedSet<int> { 0, 1, size - 1, size };
        while (chosen.Count < max)
        {
            chosen.Add(random.Next(size + 1));
        }

        return chosen;
    }
}
