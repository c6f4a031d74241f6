using System.Diagnostics;

namespace Terminal.Emulator.Fleet;

/// <summary>The fleet's event lines, from any thread: real time into the run, the passengers' clock, then the event.</summary>
public sealed class FleetLog(TextWriter output, ServiceDay day)
{
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly object _gate = new();

    public TimeSpan Elapsed => _since.Elapsed;

    /// <summary>Starts the day's real time again: the run begins once every bus is built.</summary>
    public void Restart() => _since.Restart();

    public void Line(string text)
    {
        var elapsed = _since.Elapsed;
        lock (_gate)
        {
            output.WriteLine($"[{(int)elapsed.TotalMinutes:D2}:{elapsed.Seconds:D2} {ServiceDay.Clock(day.At(elapsed))}] {text}");
            output.Flush();
        }
    }
}
