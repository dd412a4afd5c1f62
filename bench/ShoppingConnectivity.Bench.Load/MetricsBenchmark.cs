using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// What a Prometheus scrape of /metrics costs at estate scale (issue 19): a real central in Production with
/// <c>--clients</c> client agents and the servers enrolled, each having reported one result per planned probe; then
/// <c>--scrapes</c> scrapes one after another. Prints the answer's size and series count, latency (the first scrape
/// reads the database counts; later ones within Central:Metrics:RefreshSeconds do not), and central's CPU per scrape.
/// </summary>
public static class MetricsBenchmark
{
    private const string Token = "bench-scrape-token-0123456789abcdef";

    public static async Task<int> RunAsync(Args args)
    {
        var clients = args.Int("clients", 10_000);
        var scrapes = args.Int("scrapes", 50);
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-metrics"));
        args.EnsureAllUsed();

        Console.WriteLine($"machine: {Machine.Describe()}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        // Counts are read at every scrape here (RefreshSeconds 1, scrapes 1 s apart): the worst case for the database.
        using var central = await CentralProcess.StartAsync(folder, Fleet.EstateJson(clients), new Dictionary<string, string>
        {
            ["Central__Metrics__ScrapeToken"] = Token,
            ["Central__Metrics__RefreshSeconds"] = "1",
        });
        using var http = Fleet.Client(central.Url, 16);
        var agents = await Fleet.EnrolAsync(http, Path.Combine(folder, "tokens.tsv"), clients, CentralProcess.EnrolmentKey);
        var factory = new ResultFactory(1);
        var stats = new RequestStats();
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (agent, _) =>
        {
            var batch = new ResultBatch(Guid.NewGuid(), agent.Probes.Select(p => factory.Result(agent, p, now)).ToList());
            await IngestBenchmark.PostUntilTakenAsync(http, agent, batch, stats, clock, TimeSpan.FromMinutes(10));
        });
        Console.WriteLine($"agents: {agents.Count:N0}, results stored: {stats.AcceptedResults:N0} in {clock.Elapsed.TotalSeconds:0.0} s ({stats.Statuses})");
        await Task.Delay(3000);

        // Central's own background work (jobs, freshness checks) over the same time without scrapes, to subtract.
        var idleBefore = central.CpuTime();
        await Task.Delay(TimeSpan.FromSeconds(scrapes));
        var idle = central.CpuTime() - idleBefore;

        var latencies = new List<double>();
        long bytes = 0;
        var series = 0;
        var cpuBefore = central.CpuTime();
        for (var i = 0; i < scrapes; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
            bytes = text.Length;
            series = text.Split('\n').Count(l => l.Length > 0 && l[0] != '#');
            if (i == 0) Console.WriteLine($"sc_* series: {text.Split('\n').Count(l => l.StartsWith("sc_", StringComparison.Ordinal)):N0}, " +
                                          $"sc_agent_up series: {text.Split('\n').Count(l => l.StartsWith("sc_agent_up{", StringComparison.Ordinal)):N0}");
            await Task.Delay(1000);
        }

        var cpu = central.CpuTime() - cpuBefore;
        var sorted = latencies.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scrapes: {scrapes}, answer {bytes / 1024.0:0} KB, {series:N0} series; latency p50 {RequestStats.P(sorted, 50):0.0} ms, p95 {RequestStats.P(sorted, 95):0.0} ms, max {sorted[^1]:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"central CPU per scrape: {(cpu - idle).TotalMilliseconds / scrapes:0.0} ms ({cpu.TotalMilliseconds:0} ms over the scrapes less {idle.TotalMilliseconds:0} ms idle over as long); RSS {central.ResidentBytes() / 1048576.0:0} MB"));
        return 0;
    }
}
