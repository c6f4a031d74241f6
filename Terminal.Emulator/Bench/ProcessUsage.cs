using System.Globalization;

namespace Terminal.Emulator.Bench;

/// <summary>
/// A process's CPU time and peak memory as Linux accounts them (/proc/&lt;pid&gt;/stat fields 14 and 15, utime and
/// stime in clock ticks; VmHWM of /proc/&lt;pid&gt;/status), so a bench can charge the backend and an external broker
/// separately. Null where /proc is not there.
/// </summary>
public static class ProcessUsage
{
    /// <summary>USER_HZ: the unit of utime and stime, 100 on every Linux the .NET runtime supports.</summary>
    private const double TicksPerSecond = 100;

    public static double? CpuSeconds(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count the fields after its closing one.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>The most resident memory the process has held, in MB.</summary>
    public static double? PeakResidentMegabytes(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
