using System.Diagnostics;

namespace Terminal.Emulator.Fuzz;

/// <summary>
/// Feeds one target mutated inputs until a time or input budget runs out, on a worker thread watched from the
/// caller's: an input still running after <see cref="HangLimit"/> is a hang. A thread cannot be aborted in .NET,
/// so a hang ends the target's run (the stuck worker is a background thread and dies with the process).
/// Inputs that finish but took longer than the limit count as hangs too. The first input has
/// <see cref="ColdStartLimit"/> instead: it pays for the JIT compiling the target's code (seen at 2 s and more for
/// the webhook target's JSON and HMAC on a loaded machine).
/// </summary>
public sealed class FuzzRunner(IFuzzTarget target, IReadOnlyList<byte[]> seeds, int seed)
{
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan ColdStartLimit = TimeSpan.FromSeconds(30);

    /// <summary>A target stops collecting after this many findings: one defect tends to repeat thousands of times.</summary>
    private const int MaxFindings = 20;

    private readonly List<FuzzFinding> _findings = [];
    private long _index;
    private long _inputStartedTicks;
    private volatile bool _stop;

    public FuzzTargetResult Run(TimeSpan budget, long maxInputs)
    {
        var clock = Stopwatch.StartNew();
        var worker = new Thread(() => Loop(clock, budget, maxInputs)) { IsBackground = true, Name = $"fuzz {target.Name}" };
        worker.Start();
        while (!worker.Join(50))
        {
            var started = Interlocked.Read(ref _inputStartedTicks);
            var index = Interlocked.Read(ref _index);
            if (started != 0 && TookTooLong(index, clock.ElapsedTicks - started))
            {
                _stop = true;
                lock (_findings)
                {
                    _findings.Add(new FuzzFinding(target.Name, seed, index, true, $"still running after {Limit(index).TotalSeconds} s", InputAt(index)));
                }

                break;
            }
        }

        lock (_findings)
        {
            return new FuzzTargetResult(target.Name, Interlocked.Read(ref _index), clock.Elapsed.TotalSeconds, _findings.ToArray());
        }
    }

    /// <summary>Seeds go through unmutated first: a valid input the target refuses is itself a finding.</summary>
    private byte[] InputAt(long index) => index < seeds.Count ? (byte[])seeds[(int)index].Clone() : FuzzMutator.Input(seeds, seed, index);

    private void Loop(Stopwatch clock, TimeSpan budget, long maxInputs)
    {
        for (long i = 0; i < maxInputs && !_stop && (i % 64 != 0 || clock.Elapsed < budget); i++)
        {
            var input = InputAt(i);
            var copy = (byte[])input.Clone();
            Interlocked.Exchange(ref _index, i);
            var started = clock.ElapsedTicks;
            Interlocked.Exchange(ref _inputStartedTicks, started);
            string? what = null;
            try
            {
                target.Run(input);
            }
            catch (Exception e)
            {
                what = $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}";
            }

            Interlocked.Exchange(ref _inputStartedTicks, 0);
            var slow = TookTooLong(i, clock.ElapsedTicks - started);
            if (what is not null || slow)
            {
                lock (_findings)
                {
                    _findings.Add(new FuzzFinding(target.Name, seed, i, what is null, what ?? $"took longer than {Limit(i).TotalSeconds} s", copy));
                    _stop |= _findings.Count >= MaxFindings;
                }
            }

            Interlocked.Exchange(ref _index, i + 1);
        }
    }

    private static TimeSpan Limit(long index) => index == 0 ? ColdStartLimit : HangLimit;

    private static bool TookTooLong(long index, long elapsedTicks) => elapsedTicks > Limit(index).TotalSeconds * Stopwatch.Frequency;
}
