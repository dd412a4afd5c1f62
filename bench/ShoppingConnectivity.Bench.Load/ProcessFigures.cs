using System.Globalization;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>A process's CPU time and memory, read from /proc as `top` does (Linux only, as the benchmarks are).</summary>
public static class ProcessFigures
{
    /// <summary>CPU time the process has used so far (user + system).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        // Fields after the command name, which may itself hold spaces or ')': utime and stime are the 12th and 13th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Resident memory now (VmRSS), in bytes.</summary>
    public static long ResidentBytes(int pid) => StatusBytes(pid, "VmRSS:");

    /// <summary>Peak resident memory since the process started (VmHWM), in bytes.</summary>
    public static long PeakResidentBytes(int pid) => StatusBytes(pid, "VmHWM:");

    /// <summary>Bytes the process has caused to be written to storage so far (write_bytes of /proc/PID/io).</summary>
    public static long WrittenBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/io"))
        {
            if (line.StartsWith("write_bytes:", StringComparison.Ordinal)) return long.Parse(line[12..].Trim(), CultureInfo.InvariantCulture);
        }

        return 0;
    }

    private static long StatusBytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }

        return 0;
    }
}
