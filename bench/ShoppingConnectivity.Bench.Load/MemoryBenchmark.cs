using System.Diagnostics;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// Central's memory as ops see it (RSS), in Production: (1) idle with the sample estate, sampled every 5 s for the first
/// two minutes (where a start-up creep shows) and every minute after; (2) a 50,000-client estate under its steady traffic
/// (about 1,000 results/s, batches of 5-15) for an hour, RSS every minute, and whether it still grows after the first
/// 10 minutes.
/// </summary>
public static class MemoryBenchmark
{
    public const double GoalIdleMegabytes = 150;
    public const double GoalSteadyMegabytes = 400;

    /// <summary>Growth allowed after the settling time: a few MB of noise, not a creep.</summary>
    public const double GoalGrowthMegabytes = 10;

    public static async Task<int> RunAsync(Args args)
    {
        var idleMinutes = args.Int("idle-minutes", 10);
        var steadyMinutes = args.Int("steady-minutes", 60);
        var settleMinutes = args.Int("settle-minutes", 10);
        var clients = args.Int("clients", 50_000);
        var rate = args.Int("rate", 1_000);
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-memory"));
        args.EnsureAllUsed();
        Console.WriteLine($"machine: {Machine.Describe()}");

        var idle = await IdleAsync(Path.Combine(folder, "idle"), TimeSpan.FromMinutes(idleMinutes));
        var steady = steadyMinutes > 0
            ? await SteadyAsync(Path.Combine(folder, "steady"), clients, rate, TimeSpan.FromMinutes(steadyMinutes), TimeSpan.FromMinutes(Math.Min(settleMinutes, steadyMinutes / 2.0)))
            : default;
        Console.WriteLine($"machine at the end: {Machine.Describe()}");
        return idle <= GoalIdleMegabytes && steady.Peak <= GoalSteadyMegabytes ? 0 : 1;
    }

    /// <summary>Central with the sample estate and nothing posting: RSS from start until <paramref name="duration"/>; returns the last.</summary>
    public static async Task<double> IdleAsync(string folder, TimeSpan duration)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var estate = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "estate.sample.json"));
        using var central = await CentralProcess.StartAsync(folder, estate);
        var clock = Stopwatch.StartNew();
        var samples = new List<(TimeSpan At, double Mb)>();
        while (true)
        {
            samples.Add((clock.Elapsed, Mb(central.ResidentBytes())));
            if (clock.Elapsed >= duration) break;
            await Task.Delay(clock.Elapsed < TimeSpan.FromMinutes(2) ? TimeSpan.FromSeconds(5) : TimeSpan.FromMinutes(1));
        }

        Console.WriteLine($"idle, sample estate: RSS {string.Join(", ", samples.Select(s => $"{s.At.TotalSeconds:0} s {s.Mb:0}"))} MB");
        var at90 = samples.Last(s => s.At <= TimeSpan.FromSeconds(90)).Mb;
        Console.WriteLine($"idle: {samples[0].Mb:0} MB when healthy, {at90:0} MB at 90 s, {samples[^1].Mb:0} MB at {duration.TotalMinutes:0} min, peak {Mb(central.PeakResidentBytes()):0} MB");
        Report.AtMost($"central RSS idle with the sample estate ({duration.TotalMinutes:0} min)", samples[^1].Mb, GoalIdleMegabytes, "MB");
        return samples[^1].Mb;
    }

    /// <summary>A <paramref name="clients"/>-client estate under <paramref name="rate"/> results/s; RSS every minute.</summary>
    public static async Task<(double Peak, double Growth, double CpuMicrosecondsPerResult)> SteadyAsync(string folder, int clients, int rate, TimeSpan duration, TimeSpan settle)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        using var central = await CentralProcess.StartAsync(folder, Fleet.EstateJson(clients));
        using var http = Fleet.Client(central.Url, 72);
        var agents = await Fleet.EnrolAsync(http, Path.Combine(folder, "tokens.tsv"), clients, CentralProcess.EnrolmentKey);
        Console.WriteLine($"steady: {agents.Count:N0} agents enrolled; RSS {Mb(central.ResidentBytes()):0} MB before the traffic");

        // Batches of 5-15, what agents send in steady state; each agent one batch at a time.
        var load = new SteadyLoad(http, agents.Where(a => a.Probes.Count > 0).ToList(), rate, 5, 15);
        using var stop = new CancellationTokenSource(duration);
        var cpuBefore = central.CpuTime();
        var clock = Stopwatch.StartNew();
        var running = load.RunAsync(stop.Token);
        var samples = new List<(TimeSpan At, double Mb)>();
        // CPU is also read from the first sample after settling: the first minutes carry the JIT's tiering of every hot
        // method (11 % of central's samples in the second minute), which the Prometheus figure it is set beside excludes.
        (TimeSpan Cpu, long Results)? settledFrom = null;
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromMinutes(1)));
            samples.Add((clock.Elapsed, Mb(central.ResidentBytes())));
            if (settledFrom is null && clock.Elapsed >= settle && !running.IsCompleted) settledFrom = (central.CpuTime(), load.Stats.AcceptedResults);
            Console.WriteLine($"steady: {clock.Elapsed.TotalMinutes:0.0} min, RSS {samples[^1].Mb:0} MB, {load.Stats.AcceptedResults:N0} results accepted");
        }

        await running;
        var cpu = central.CpuTime() - cpuBefore;
        var peak = samples.Max(s => s.Mb);
        // RSS saws up and down with the GC by 100-300 MB at a large estate: growth is the mean of the last window of
        // samples against the mean of the first window after settling (windows of up to 10 samples), not last minus min.
        var settled = samples.Where(s => s.At >= settle).Select(s => s.Mb).ToList();
        var window = Math.Min(10, settled.Count / 2);
        var growth = window > 0 ? settled.TakeLast(window).Average() - settled.Take(window).Average() : double.NaN;
        var cpuWhole = cpu.TotalMicroseconds / Math.Max(1, load.Stats.AcceptedResults);
        var cpuPerResult = settledFrom is { } from
            ? (central.CpuTime() - from.Cpu).TotalMicroseconds / Math.Max(1, load.Stats.AcceptedResults - from.Results)
            : cpuWhole;
        Console.WriteLine($"steady: {load.Stats.AcceptedResults / clock.Elapsed.TotalSeconds:N0} results/s accepted; POST latency {load.Stats.Latency()}; answers {load.Stats.Statuses}; " +
                          $"{load.Late:N0} batches sent over 1 s late (every agent busy)");
        Console.WriteLine($"steady: central CPU {cpu.TotalSeconds / clock.Elapsed.TotalSeconds * 100:0.0}% of one core, {cpuWhole:0.0} µs per result over the run, " +
                          $"{cpuPerResult:0.0} µs after the first {settle.TotalMinutes:0} min; RSS peak {peak:0} MB, " +
                          $"growth after {settle.TotalMinutes:0} min {growth:0} MB (mean of the last samples against the first after settling)");
        Report.AtMost($"central RSS, {clients:N0} clients at {rate:N0} results/s for {duration.TotalMinutes:0} min (peak)", peak, GoalSteadyMegabytes, "MB");
        Report.AtMost($"central RSS growth after the first {settle.TotalMinutes:0} min", growth, GoalGrowthMegabytes, "MB");
        Report.Info($"central CPU per result at {rate:N0} results/s, after the first {settle.TotalMinutes:0} min", cpuPerResult, "µs", "0.0");
        Report.Info($"central CPU per result over the whole steady run (JIT warm-up included)", cpuWhole, "µs", "0.0");
        return (peak, growth, cpuPerResult);
    }

    private static double Mb(long bytes) => bytes / 1048576.0;
}
