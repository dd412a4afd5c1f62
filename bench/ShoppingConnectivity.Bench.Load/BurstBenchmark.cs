using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// Central comes back after an outage: every agent sends the results its outbox kept (by default 600,000 results of
/// 10 minutes from 50,000 clients and the servers), as fast as the agents can. Measured: drain time and errors; the
/// dashboard meanwhile (GET /api/v1/edges and the diagram page, timed); when the live state shows every link; when
/// the rollup job has caught up.
/// </summary>
public static class BurstBenchmark
{
    public static async Task<int> RunAsync(Args args)
    {
        var clients = args.Int("clients", 50_000);
        var total = args.Int("results", 600_000);
        var minutes = args.Int("minutes", 10);
        var concurrency = args.Int("concurrency", 256);
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-burst"));
        var setupOnly = args.Int("setup-only", 0) == 1;
        args.EnsureAllUsed();

        Console.WriteLine($"machine: {Machine.Describe()}");
        // The folder is kept between runs: enrolling 50,000 agents takes minutes, and a database with earlier bursts in it is the realistic case.
        var setup = Stopwatch.StartNew();
        using var central = await CentralProcess.StartAsync(folder, Fleet.EstateJson(clients));
        using var http = Fleet.Client(central.Url, concurrency + 8);
        var agents = await Fleet.EnrolAsync(http, Path.Combine(folder, "tokens.tsv"), clients, CentralProcess.EnrolmentKey);
        var links = agents.Sum(a => a.Probes.Count);
        Console.WriteLine($"setup: central + {agents.Count:N0} agents ({links:N0} links) in {setup.Elapsed.TotalSeconds:0} s");
        if (setupOnly) return 0;

        // Every agent's outbox: its share of the results (by its number of probes), oldest first, in batches of at most 500.
        var factory = new ResultFactory(7);
        var end = DateTimeOffset.UtcNow;
        var perProbe = (double)total / links;
        var carry = 0.0;
        var outboxes = new List<(SimAgent Agent, List<(ResultBatch Batch, byte[] Body)> Batches)>();
        var prepared = 0;
        foreach (var agent in agents)
        {
            carry += agent.Probes.Count * perProbe;
            var count = (int)carry;
            carry -= count;
            // At least one run of each probe, so every link appears.
            count = Math.Max(count, agent.Probes.Count);
            var results = factory.Backlog(agent, count, TimeSpan.FromMinutes(minutes), end);
            var batches = results.Chunk(500).Select(c =>
            {
                var batch = new ResultBatch(Guid.NewGuid(), c);
                return (batch, JsonSerializer.SerializeToUtf8Bytes(batch, ContractsJson.Options));
            }).ToList();
            prepared += count;
            outboxes.Add((agent, batches));
        }

        Console.WriteLine($"burst: {prepared:N0} results in {outboxes.Sum(o => o.Batches.Count):N0} batches from {outboxes.Count:N0} agents, {minutes} min of results each");
        var rssBefore = central.ResidentBytes();
        var (maxIdBefore, _) = RollupPosition(central.DatabasePath);

        // The dashboard before and during: baseline first.
        var baseline = await DashboardProbe.SampleAsync(central.Url, TimeSpan.FromSeconds(5));
        Console.WriteLine($"dashboard, quiet: {baseline}");

        var stats = new RequestStats();
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromHours(1);
        using var dashboardStop = new CancellationTokenSource();
        var dashboard = DashboardProbe.SampleAsync(central.Url, TimeSpan.FromHours(1), dashboardStop.Token);
        var queue = new ConcurrentQueue<(SimAgent, List<(ResultBatch, byte[])>)>(outboxes.OrderBy(_ => Random.Shared.Next()));
        var cpuBefore = central.CpuTime();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var outbox))
            {
                foreach (var (batch, body) in outbox.Item2) await IngestBenchmark.PostUntilTakenAsync(http, outbox.Item1, batch, stats, clock, until, body);
            }
        })));
        var drained = clock.Elapsed;
        var cpu = central.CpuTime() - cpuBefore;
        await dashboardStop.CancelAsync();
        var during = await dashboard;

        Console.WriteLine($"burst: drained {stats.AcceptedResults:N0} results in {drained.TotalSeconds:0.0} s = {stats.AcceptedResults / drained.TotalSeconds:N0} results/s, " +
                          $"{stats.Requests / drained.TotalSeconds:N0} requests/s, {concurrency} agents sending at once");
        Console.WriteLine($"burst: POST latency {stats.Latency()}");
        Console.WriteLine($"burst: answers {stats.Statuses}");
        Console.WriteLine($"dashboard, during the burst: {during}");
        Console.WriteLine($"central: CPU {cpu.TotalSeconds / drained.TotalSeconds * 100:0}% of one core during the burst; RSS {rssBefore / 1048576.0:N0} MB before, {central.ResidentBytes() / 1048576.0:N0} MB after");

        // Live state: every link of the fleet on the diagram.
        var live = Stopwatch.StartNew();
        var shown = 0;
        while (live.Elapsed < TimeSpan.FromMinutes(2))
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/edges"));
            shown = doc.RootElement.EnumerateArray().Sum(e => e.GetProperty("links").GetInt32());
            if (shown >= links) break;
            await Task.Delay(200);
        }

        Console.WriteLine($"live state: {shown:N0} of {links:N0} links on the diagram {live.ElapsedMilliseconds} ms after the last POST was answered");

        // Rollups: the job (every 15 s, results settled 5 s) catches up with the burst.
        var rollup = Stopwatch.StartNew();
        var (maxId, cursor) = RollupPosition(central.DatabasePath);
        while (cursor < maxId && rollup.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(1000);
            (_, cursor) = RollupPosition(central.DatabasePath);
        }

        Console.WriteLine($"rollup: {maxId - maxIdBefore:N0} new results rolled up {rollup.Elapsed.TotalSeconds:0} s after the burst " +
                          $"(cursor {cursor:N0} of {maxId:N0}{(cursor < maxId ? ", NOT caught up" : "")})");
        foreach (var line in central.Output.Split('\n').Where(l => l.Contains("Ingestion", StringComparison.Ordinal) && !l.Contains("IngestionWriter", StringComparison.Ordinal)).TakeLast(4))
            Console.WriteLine($"central log: {line.Trim()}");
        return stats.Errors == 0 && cursor >= maxId && shown >= links ? 0 : 1;
    }

    private static (long MaxId, long Cursor) RollupPosition(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COALESCE(MAX(Id), 0) FROM Results), (SELECT COALESCE(MAX(Position), 0) FROM JobCursors WHERE Name = 'rollup')";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
