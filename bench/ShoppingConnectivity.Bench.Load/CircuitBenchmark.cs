using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// 500 dashboards held open on one central, each a live Blazor Server circuit (<see cref="BlazorCircuit"/>), while an
/// edge flips colour every few seconds. Measured: central's memory per circuit (RSS, and the GC heap after a full
/// collection, by dotnet-gcdump), and how each update reaches every circuit (share delivered, delay from the POST).
/// </summary>
public static class CircuitBenchmark
{
    private const string ToggledFlow = "central-appclarity";

    public static async Task<int> RunAsync(Args args)
    {
        var count = args.Int("circuits", 500);
        var clients = args.Int("clients", 1000);
        var flips = args.Int("flips", 20);
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-circuits"));
        args.EnsureAllUsed();

        Console.WriteLine($"machine: {Machine.Describe()}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        using var central = await CentralProcess.StartAsync(folder, Fleet.EstateJson(clients));
        using var http = Fleet.Client(central.Url, 64);
        var agents = await Fleet.EnrolAsync(http, Path.Combine(folder, "tokens.tsv"), 0, CentralProcess.EnrolmentKey);
        // The servers report, so the diagram has colours; clients stay grey (no data), as after a fresh install.
        var factory = new ResultFactory(3);
        // In batches of at most 500: a server's whole plan is thousands of results at a few thousand clients, refused (400) as one batch.
        foreach (var agent in agents.Where(a => a.Probes.Count > 0))
        {
            foreach (var chunk in agent.Probes.Select(p => factory.Result(agent, p, DateTimeOffset.UtcNow)).Chunk(DashboardsBenchmark.MaxBatch))
                await Post(http, agent, chunk);
        }
        var web01 = agents.Single(a => a.Host == "web01");
        var toggled = web01.Probes.First(p => p.FlowId == ToggledFlow);

        var (viewer, cookies) = await central.SignInAsync();
        using var _ = viewer;
        // Warm: one circuit opened and closed, so first-use costs are not counted per circuit.
        await (await BlazorCircuit.OpenAsync(viewer, cookies, central.Url)).DisposeAsync();
        await Task.Delay(2000);
        var rssBefore = central.ResidentBytes();
        var heapBefore = await central.GcHeapBytesAsync();
        Console.WriteLine($"before: RSS {Mb(rssBefore)}, GC heap {Mb(heapBefore)} (after a full collection)");

        var open = Stopwatch.StartNew();
        var circuits = new BlazorCircuit?[count];
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            try
            {
                circuits[i] = await BlazorCircuit.OpenAsync(viewer, cookies, central.Url);
            }
            catch (Exception ex)
            {
                if (Interlocked.Increment(ref failures) <= 3) Console.WriteLine($"circuit {i}: {ex.Message}");
            }
        });
        var live = circuits.OfType<BlazorCircuit>().ToList();
        Console.WriteLine($"opened {live.Count} of {count} circuits in {open.Elapsed.TotalSeconds:0.0} s ({failures} failed)");
        await Task.Delay(5000);
        var rssAfter = central.ResidentBytes();
        var heapAfter = await central.GcHeapBytesAsync();
        Console.WriteLine($"with {live.Count} circuits: RSS {Mb(rssAfter)}, GC heap {Mb(heapAfter)}");
        Console.WriteLine($"per circuit: RSS {(rssAfter - rssBefore) / 1024.0 / live.Count:N0} KB, GC heap {(heapAfter - heapBefore) / 1024.0 / live.Count:N0} KB");

        // What the open dashboards cost with nothing new (SignalR's pings, the pages' 15-s tick), then per refresh: the
        // CPU of each phase less that idle rate, over the refreshes (one per post: they are 2 s apart) and the circuits.
        await Post(http, web01, [new ProbeResultDto(toggled.ProbeId, toggled.FlowId, ProbeOutcome.Reachable, 2, "bench", DateTimeOffset.UtcNow)]);
        await Task.Delay(2000);
        var idleWall = Stopwatch.StartNew();
        var idleCpu = central.CpuTime();
        await Task.Delay(10_000);
        var idleRate = (central.CpuTime() - idleCpu) / idleWall.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle with {live.Count} circuits: CPU {idleRate * 100:0.0}% of one core"));

        // The most common refresh: a result that changes no colour (the link was heard from again), a new live version all the same.
        var same = await PhaseAsync(central, flips, idleRate, _ =>
            Post(http, web01, [new ProbeResultDto(toggled.ProbeId, toggled.FlowId, ProbeOutcome.Reachable, 2, "bench", DateTimeOffset.UtcNow)]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"refresh, no colour changed: CPU {same.TotalMicroseconds / (flips * live.Count):0} us per circuit ({flips} refreshes x {live.Count} circuits)"));

        // Live updates: the edge flips; every circuit should get a render batch after each flip.
        var flipTimes = new List<long>();
        var flipped = await PhaseAsync(central, flips, idleRate, async i =>
        {
            var outcome = i % 2 == 0 ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable;
            await Post(http, web01, [new ProbeResultDto(toggled.ProbeId, toggled.FlowId, outcome, 2, "bench", DateTimeOffset.UtcNow)]);
            flipTimes.Add(Stopwatch.GetTimestamp());
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"refresh, an edge flipped: CPU {flipped.TotalMicroseconds / (flips * live.Count):0} us per circuit ({flips} refreshes x {live.Count} circuits)"));

        var delays = new List<double>();
        var missed = 0;
        foreach (var circuit in live)
        {
            var batches = circuit.BatchTimestamps();
            for (var i = 0; i < flipTimes.Count; i++)
            {
                var end = i + 1 < flipTimes.Count ? flipTimes[i + 1] : long.MaxValue;
                var first = batches.FirstOrDefault(t => t >= flipTimes[i] && t < end);
                if (first == 0) missed++;
                else delays.Add(Stopwatch.GetElapsedTime(flipTimes[i], first).TotalMilliseconds);
            }
        }

        var sorted = delays.Order().ToArray();
        var expected = live.Count * flipTimes.Count;
        Console.WriteLine($"updates: {flips} flips x {live.Count} circuits: {delays.Count:N0} of {expected:N0} delivered ({missed} missed); " +
                          string.Create(CultureInfo.InvariantCulture, $"delay POST accepted -> render batch at the client p50={RequestStats.P(sorted, 50):0} ms p95={RequestStats.P(sorted, 95):0} ms p99={RequestStats.P(sorted, 99):0} ms max={(sorted.Length > 0 ? sorted[^1] : 0):0} ms"));
        Console.WriteLine($"circuits still connected at the end: {live.Count(c => c.Connected)} of {live.Count}; render data received {live.Sum(c => c.BatchBytes) / 1048576.0:N1} MB");
        foreach (var error in live.Where(c => c.Error is not null).Select(c => c.Error).Distinct().Take(3)) Console.WriteLine($"circuit error: {error}");

        foreach (var circuit in live) await circuit.DisposeAsync();
        return live.Count == count && missed == 0 ? 0 : 1;
    }

    /// <summary>Runs <paramref name="post"/> <paramref name="count"/> times, 2 s apart; central's CPU over it, less <paramref name="idleRate"/>.</summary>
    private static async Task<TimeSpan> PhaseAsync(CentralProcess central, int count, double idleRate, Func<int, Task> post)
    {
        var wall = Stopwatch.StartNew();
        var cpu = central.CpuTime();
        for (var i = 0; i < count; i++)
        {
            await post(i);
            await Task.Delay(2000);
        }

        return central.CpuTime() - cpu - idleRate * wall.Elapsed;
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:N0} MB";

    private static async Task Post(HttpClient http, SimAgent agent, IReadOnlyList<ProbeResultDto> results)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agent.AgentId}/results")
        {
            Content = JsonContent.Create(new ResultBatch(Guid.NewGuid(), results), options: ContractsJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
