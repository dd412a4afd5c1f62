namespace ShoppingConnectivity.Bench.Load;

/// <summary>The machine's state, printed with every figure (other work on the two cores moves the figures).</summary>
public static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {File.ReadAllText("/proc/loadavg").Trim()} (load average), .NET {Environment.Version}";

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
