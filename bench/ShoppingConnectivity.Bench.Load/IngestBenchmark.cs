using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// Sustained ingestion, side by side with its ceiling, in one run: (1) the raw ceiling, the same kind of rows inserted
/// straight into a fresh database of central's schema; (2) N agents posting their plan's results over HTTP to a real
/// central for a while, each agent one batch at a time (as its outbox sends), batch sizes drawn from 1-500.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(Args args)
    {
        var clients = args.Int("clients", 2000);
        var seconds = args.Int("seconds", 60);
        var concurrency = args.Int("concurrency", 32);
        var (minBatch, maxBatch) = args.Range("batch", (1, 500));
        var rawRows = args.Int("raw-rows", 2_000_000);
        var rawGroup = args.Int("raw-group", 20_000);
        var multiRow = args.Int("raw-multi-row", 0);
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-ingest"));
        var url = args.Optional("url");
        var key = args.Text("key", CentralProcess.EnrolmentKey);
        args.EnsureAllUsed();

        Console.WriteLine($"machine: {Machine.Describe()}");
        CentralProcess? central = null;
        if (url is null)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            central = await CentralProcess.StartAsync(folder, Fleet.EstateJson(clients));
            url = central.Url;
        }

        try
        {
            using var http = Fleet.Client(url, concurrency + 4);
            var agents = await Fleet.EnrolAsync(http, Path.Combine(folder, "tokens.tsv"), clients, key);
            Console.WriteLine($"fleet: {agents.Count:N0} agents, {agents.Sum(a => a.Probes.Count):N0} links (clients: {agents[^1].Probes.Count} probes each)");

            // 1. The ceiling, while central idles.
            var factory = new ResultFactory(1);
            var random = new Random(2);
            var rows = new List<(string, Guid, ProbeResultDto)>(rawRows);
            var end = DateTimeOffset.UtcNow;
            while (rows.Count < rawRows)
            {
                var agent = agents[random.Next(agents.Count)];
                var batchId = Guid.NewGuid();
                foreach (var r in factory.Backlog(agent, random.Next(minBatch, maxBatch + 1), TimeSpan.FromMinutes(10), end)) rows.Add((agent.AgentId, batchId, r));
            }

            var (ceiling, ceilingCpu) = await RawCeiling.MeasureAsync(Path.Combine(folder, "raw-ceiling.db"), rows, rawGroup);
            if (multiRow > 1)
            {
                var (multi, multiCpu) = await RawCeiling.MeasureAsync(Path.Combine(folder, "raw-ceiling.db"), rows, rawGroup, multiRow);
                Console.WriteLine($"raw ceiling, {multiRow} rows per INSERT: {multi:N0} results/s, {multiCpu:0.0} µs of CPU per result");
            }

            rows.Clear();
            rows.TrimExcess();
            GC.Collect();
            Console.WriteLine($"raw ceiling: {rawRows:N0} results inserted at {ceiling:N0} results/s, {ceilingCpu:0.0} µs of CPU per result (prepared INSERT, {rawGroup:N0} per transaction, same schema and pragmas)");

            // 2. Through HTTP.
            var result = await PostForAsync(http, agents, TimeSpan.FromSeconds(seconds), concurrency, minBatch, maxBatch, central);
            Console.WriteLine($"http: {result.Stats.AcceptedResults:N0} results accepted in {result.Elapsed.TotalSeconds:0.0} s = {result.ResultsPerSecond:N0} results/s " +
                              $"(steady, after the first 5 s: {result.SteadyResultsPerSecond:N0} results/s); {result.Stats.Requests / result.Elapsed.TotalSeconds:N0} requests/s, " +
                              $"{concurrency} in parallel, batches of {minBatch}-{maxBatch}");
            Console.WriteLine($"http: POST latency {result.Stats.Latency()}");
            Console.WriteLine($"http: answers {result.Stats.Statuses}");
            Console.WriteLine($"ratio http / raw ceiling: {result.SteadyResultsPerSecond / ceiling:0.00}");
            if (central is not null)
            {
                Console.WriteLine($"central: CPU {result.CentralCpu.TotalSeconds / result.Elapsed.TotalSeconds * 100:0}% of one core during the run, " +
                                  $"{result.CentralCpu.TotalMicroseconds / Math.Max(1, result.Stats.AcceptedResults):0.0} µs of CPU per result; RSS {central.ResidentBytes() / 1048576.0:N0} MB at the end");
                foreach (var line in central.Output.Split('\n').Where(l => l.Contains("Ingestion", StringComparison.Ordinal) && !l.Contains("IngestionWriter", StringComparison.Ordinal)).TakeLast(4))
                    Console.WriteLine($"central log: {line.Trim()}");
            }

            return result.Stats.Errors == 0 ? 0 : 1;
        }
        finally
        {
            central?.Dispose();
        }
    }

    public sealed record RunResult(RequestStats Stats, TimeSpan Elapsed, double ResultsPerSecond, double SteadyResultsPerSecond, TimeSpan CentralCpu);

    /// <summary>Each worker takes the next idle agent, posts one batch of its next results, and puts the agent back.</summary>
    public static async Task<RunResult> PostForAsync(HttpClient http, IReadOnlyList<SimAgent> agents, TimeSpan duration, int concurrency,
        int minBatch, int maxBatch, CentralProcess? central)
    {
        var idle = new ConcurrentQueue<SimAgent>(agents.Where(a => a.Probes.Count > 0).OrderBy(_ => Random.Shared.Next()));
        var stats = new RequestStats();
        var cpuBefore = central?.CpuTime() ?? TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        long acceptedAtWarm = -1;
        var warm = TimeSpan.FromSeconds(Math.Min(5, duration.TotalSeconds / 4));
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var factory = new ResultFactory(100 + w);
            var random = new Random(200 + w);
            while (clock.Elapsed < duration)
            {
                if (acceptedAtWarm < 0 && clock.Elapsed >= warm) Interlocked.CompareExchange(ref acceptedAtWarm, stats.AcceptedResults, -1);
                if (!idle.TryDequeue(out var agent)) { await Task.Yield(); continue; }
                var batch = new ResultBatch(Guid.NewGuid(), factory.Backlog(agent, random.Next(minBatch, maxBatch + 1), TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
                await PostUntilTakenAsync(http, agent, batch, stats, clock, duration);
                idle.Enqueue(agent);
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var steady = (stats.AcceptedResults - Math.Max(0, acceptedAtWarm)) / (elapsed - warm).TotalSeconds;
        return new RunResult(stats, elapsed, stats.AcceptedResults / elapsed.TotalSeconds, steady, (central?.CpuTime() ?? TimeSpan.Zero) - cpuBefore);
    }

    /// <summary>Posts a batch; on 503 waits Retry-After and sends the same batch (same id) again, as an agent's outbox does.</summary>
    public static async Task PostUntilTakenAsync(HttpClient http, SimAgent agent, ResultBatch batch, RequestStats stats, Stopwatch clock, TimeSpan until, byte[]? body = null)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agent.AgentId}/results")
            {
                Content = body is null ? JsonContent.Create(batch, options: ContractsJson.Options) : new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
            var sent = Stopwatch.GetTimestamp();
            TimeSpan retryAfter;
            try
            {
                using var response = await http.SendAsync(request);
                var accepted = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<ResultBatchAccepted>(ContractsJson.Options))!.Accepted : 0;
                stats.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), accepted);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return;
                retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            }
            catch (HttpRequestException ex)
            {
                stats.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds, ex.HttpRequestError.ToString(), 0);
                retryAfter = TimeSpan.FromSeconds(1);
            }

            if (clock.Elapsed + retryAfter > until) return;
            await Task.Delay(retryAfter);
        }
    }
}
