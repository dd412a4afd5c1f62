using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// Sustained ingestion, side by side with its ceiling, in one run: (1) the raw ceiling, the same kind of rows inserted
/// straight into a fresh database of central's schema, by Microsoft.Data.Sqlite and by SQLite's own API, at the best
/// transaction size found; (2) N agents posting their plan's results over HTTP (keep-alive connections) to a real
/// central for a while, each agent one batch at a time (as its outbox sends), for each range of batch sizes asked
/// (5-15: what agents send in steady state; 1-500: outboxes flushing).
/// </summary>
public static class IngestBenchmark
{
    /// <summary>Issue 20's goals: realistic ingest on the 2-core machine, and its share of the direct-SQLite ceiling.</summary>
    public const double GoalResultsPerSecond = 50_000;

    public const double GoalShareOfCeiling = 0.25;

    public static async Task<int> RunAsync(Args args)
    {
        var clients = args.Int("clients", 10_000);
        var seconds = args.Int("seconds", 30);
        var concurrency = args.Int("concurrency", 256);
        var ranges = args.Text("batch", "5-15,1-500").Split(',').Select(ParseRange).ToList();
        var rawRows = args.Int("raw-rows", 1_000_000);
        var rawSizes = args.Text("raw-sizes", "1000,5000,20000,100000").Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-ingest"));
        var url = args.Optional("url");
        var key = args.Text("key", CentralProcess.EnrolmentKey);
        // Prometheus beside it (issue 20): the same probe results taken by Prometheus scraping a blackbox exporter, at
        // these target counts and --prometheus-rate probe results per second; empty: not measured.
        var prometheusTargets = args.Text("compare-prometheus", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var prometheusRate = args.Int("prometheus-rate", 1_000);
        var prometheusSeconds = args.Int("prometheus-seconds", 120);
        var prometheusWarmup = args.Int("prometheus-warmup", 60);
        // --postgres true: central on a private PostgreSQL cluster (durable settings), the ceiling a binary COPY.
        var postgres = args.Text("postgres", "false") == "true";
        args.EnsureAllUsed();

        Console.WriteLine($"machine: {Machine.Describe()}");
        CentralProcess? central = null;
        string? postgresConnection = null;
        if (url is null)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            var settings = new Dictionary<string, string>([WriterStages.Setting]);
            if (postgres)
            {
                var server = ShoppingConnectivity.TestSupport.Databases.PostgresServer.StartDurable();
                server.CreateDatabase("bench_central");
                postgresConnection = server.ConnectionString("bench_central");
                settings["Central__Database__Provider"] = "PostgreSql";
                settings["ConnectionStrings__Central"] = postgresConnection;
                Console.WriteLine($"central on PostgreSQL (private cluster, port {server.Port}, fsync on, shared_buffers 256MB)");
            }

            central = await CentralProcess.StartAsync(folder, Fleet.EstateJson(clients), settings);
            url = central.Url;
        }

        try
        {
            using var http = Fleet.Client(url, concurrency + 4);
            var agents = await Fleet.EnrolAsync(http, Path.Combine(folder, "tokens.tsv"), clients, key);
            Console.WriteLine($"fleet: {agents.Count:N0} agents, {agents.Sum(a => a.Probes.Count):N0} links (clients: {agents[^1].Probes.Count} probes each)");

            // 1. The ceiling, while central idles: on SQLite the best of Microsoft.Data.Sqlite and of SQLite's own API; on
            //    PostgreSQL a binary COPY of the same rows into the same table (both compared with below).
            var rows = ResultFactory.CeilingRows(agents, rawRows, ranges[0].Item1, ranges[0].Item2);
            var store = postgresConnection is null ? "SQLite" : "PostgreSQL";
            double adoCeiling, directCeiling;
            if (postgresConnection is null)
            {
                var (ado, direct) = RawCeiling.Search(folder, rows, rawSizes);
                (adoCeiling, directCeiling) = (ado.PerSecond, direct.PerSecond);
                Report.Info($"SQLite ceiling, Microsoft.Data.Sqlite ({ado.GroupRows:N0} rows per transaction)", ado.PerSecond, "rows/s");
                Report.Info($"SQLite ceiling, direct SQLite calls ({direct.GroupRows:N0} rows per transaction)", direct.PerSecond, "rows/s");
            }
            else
            {
                var copy = await PgCeiling.MeasureAsync(postgresConnection, rows);
                Console.WriteLine($"raw ceiling (PostgreSQL): {rows.Count:N0} results, best {copy}");
                adoCeiling = directCeiling = copy.PerSecond;
                Report.Info($"PostgreSQL ceiling, binary COPY ({copy.GroupRows:N0} rows per transaction)", copy.PerSecond, "rows/s");
            }

            rows = null;
            GC.Collect();

            // 2. Through HTTP, for each range of batch sizes.
            var failed = false;
            double? realisticCpuPerResult = null; // central's, at agents' batch sizes: set beside Prometheus's below
            foreach (var (minBatch, maxBatch) in ranges)
            {
                var stagesBefore = await WriterStages.ReadAsync(http);
                var writtenBefore = central?.WrittenBytes() ?? 0;
                var result = await PostForAsync(http, agents, TimeSpan.FromSeconds(seconds), concurrency, minBatch, maxBatch, central);
                var label = $"batches of {minBatch}-{maxBatch}";
                Console.WriteLine($"http, {label}: {result.Stats.AcceptedResults:N0} results accepted in {result.Elapsed.TotalSeconds:0.0} s = {result.ResultsPerSecond:N0} results/s " +
                                  $"(steady, after the first 5 s: {result.SteadyResultsPerSecond:N0} results/s); {result.Stats.Requests / result.Elapsed.TotalSeconds:N0} requests/s, " +
                                  $"{concurrency} in parallel from {agents.Count:N0} agents");
                Console.WriteLine($"http, {label}: POST latency {result.Stats.Latency()}; answers {result.Stats.Statuses}");
                Console.WriteLine(postgresConnection is null
                    ? $"http, {label}: ratio to the ceiling: {result.SteadyResultsPerSecond / adoCeiling:0.00} of Microsoft.Data.Sqlite's, {result.SteadyResultsPerSecond / directCeiling:0.00} of direct SQLite's"
                    : $"http, {label}: ratio to the ceiling: {result.SteadyResultsPerSecond / directCeiling:0.00} of PostgreSQL's binary COPY");
                failed |= result.Stats.Errors > 0;
                if (central is null) continue;

                var cpuPerResult = result.CentralCpu.TotalMicroseconds / Math.Max(1, result.Stats.AcceptedResults);
                Console.WriteLine($"central, {label}: CPU {result.CentralCpu.TotalSeconds / result.Elapsed.TotalSeconds * 100:0}% of one core, {cpuPerResult:0.0} µs per result, " +
                                  $"{result.CentralCpu.TotalMicroseconds / Math.Max(1, result.Stats.Requests):0} µs per request; " +
                                  $"{(central.WrittenBytes() - writtenBefore) / (double)Math.Max(1, result.Stats.AcceptedResults):N0} bytes written to disk per result; RSS {central.ResidentBytes() / 1048576.0:N0} MB at the end");
                Console.WriteLine($"bench client (the agents' side, on the same cores), {label}: CPU {result.ClientCpu.TotalSeconds / result.Elapsed.TotalSeconds * 100:0}% of one core, " +
                                  $"{result.ClientCpu.TotalMicroseconds / Math.Max(1, result.Stats.AcceptedResults):0.0} µs per result");
                var stagesAfter = await WriterStages.ReadAsync(http);
                Console.WriteLine($"writer stages, {label}: {string.Join("; ", WriterStages.Describe(stagesBefore, stagesAfter, result.Stats.AcceptedResults))}");
                if (postgresConnection is not null)
                {
                    Report.Info($"ingest on PostgreSQL, batches of {minBatch}-{maxBatch}", result.SteadyResultsPerSecond, "results/s");
                    Report.Info($"ingest on PostgreSQL, batches of {minBatch}-{maxBatch} / binary COPY ceiling", result.SteadyResultsPerSecond / directCeiling, "", "0.00");
                }
                else if (maxBatch <= 15)
                {
                    Report.AtLeast($"ingest, batches of {minBatch}-{maxBatch} from {agents.Count:N0} agents", result.SteadyResultsPerSecond, GoalResultsPerSecond, "results/s");
                    Report.AtLeast("ingest at agents' batch sizes / direct-SQLite ceiling", result.SteadyResultsPerSecond / directCeiling, GoalShareOfCeiling, "", "0.00");
                    Report.Info($"central CPU per result, batches of {minBatch}-{maxBatch}", cpuPerResult, "µs", "0.0");
                    realisticCpuPerResult = cpuPerResult;
                }
                else
                {
                    Report.Info($"ingest, batches of {minBatch}-{maxBatch}", result.SteadyResultsPerSecond, "results/s");
                    Report.Info($"ingest, batches of {minBatch}-{maxBatch} / direct-SQLite ceiling", result.SteadyResultsPerSecond / directCeiling, "", "0.00");
                }
            }

            foreach (var line in (central?.Output ?? "").Split('\n').Where(l => l.Contains("Ingestion:", StringComparison.Ordinal)).TakeLast(3))
                Console.WriteLine($"central log: {line.Trim()}");
            var centralRss = central?.ResidentBytes() ?? 0;
            var links = agents.Sum(a => a.Probes.Count);
            central?.Dispose();
            central = null;

            foreach (var targets in prometheusTargets)
            {
                var prometheus = await PrometheusComparison.MeasureAsync(targets, prometheusRate, TimeSpan.FromSeconds(prometheusSeconds),
                    TimeSpan.FromSeconds(prometheusWarmup), Path.Combine(folder, "prometheus"));
                Report.Info($"Prometheus + blackbox: CPU per probe result ({targets:N0} targets, {prometheusRate:N0}/s)", prometheus.CpuMicrosPerProbe, "µs", "0");
                Report.Info($"Prometheus + blackbox: RSS at {targets:N0} targets", prometheus.RssBytes / 1048576.0, "MB");
                if (realisticCpuPerResult is { } cpu && targets == prometheusTargets[0])
                    Report.AtMost("central CPU per result / Prometheus CPU per probe result", cpu / prometheus.CpuMicrosPerProbe, 0.15, "", "0.00");
                // Information, not the goal: central here holds 26 times Prometheus's targets, just after saturating
                // runs. The goal (same probe rate) is run-all.sh's row from the memory bench's steady run.
                if (targets >= 5_000 && centralRss > 0)
                {
                    Report.Info($"central RSS ({links:N0} links, after the saturating runs) / Prometheus RSS at {targets:N0} probes",
                        centralRss / (double)prometheus.RssBytes, "", "0.00");
                }
            }

            return failed ? 1 : 0;
        }
        finally
        {
            central?.Dispose();
        }
    }

    private static (int, int) ParseRange(string text)
    {
        var parts = text.Split('-');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public sealed record RunResult(RequestStats Stats, TimeSpan Elapsed, double ResultsPerSecond, double SteadyResultsPerSecond, TimeSpan CentralCpu, TimeSpan ClientCpu);

    /// <summary>Each worker takes the next idle agent, posts one batch of its next results, and puts the agent back.</summary>
    public static async Task<RunResult> PostForAsync(HttpClient http, IReadOnlyList<SimAgent> agents, TimeSpan duration, int concurrency,
        int minBatch, int maxBatch, CentralProcess? central)
    {
        var idle = new ConcurrentQueue<SimAgent>(agents.Where(a => a.Probes.Count > 0).OrderBy(_ => Random.Shared.Next()));
        var stats = new RequestStats();
        var cpuBefore = central?.CpuTime() ?? TimeSpan.Zero;
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
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
        return new RunResult(stats, elapsed, stats.AcceptedResults / elapsed.TotalSeconds, steady, (central?.CpuTime() ?? TimeSpan.Zero) - cpuBefore,
            Process.GetCurrentProcess().TotalProcessorTime - clientBefore);
    }

    /// <summary>
    /// Posts a batch; on 503 waits Retry-After and sends the same batch (same id) again, as an agent's outbox does. Gives
    /// up (null) when the wait would go past <paramref name="until"/> on <paramref name="clock"/>; without them it keeps
    /// trying until <paramref name="cancellationToken"/>. Returns the last answer's status.
    /// </summary>
    public static async Task<HttpStatusCode?> PostUntilTakenAsync(HttpClient http, SimAgent agent, ResultBatch batch, RequestStats stats,
        Stopwatch? clock = null, TimeSpan? until = null, byte[]? body = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agent.AgentId}/results")
            {
                Content = body is null ? JsonContent.Create(batch, options: ContractsJson.Options) : new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
            var sent = Stopwatch.GetTimestamp();
            HttpStatusCode? status = null;
            TimeSpan retryAfter;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var accepted = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<ResultBatchAccepted>(ContractsJson.Options, cancellationToken))!.Accepted : 0;
                stats.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), accepted);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return response.StatusCode;
                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            }
            catch (HttpRequestException ex)
            {
                stats.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds, ex.HttpRequestError.ToString(), 0);
                retryAfter = TimeSpan.FromSeconds(1);
            }

            if (clock is not null && until is { } limit && clock.Elapsed + retryAfter > limit) return status;
            await Task.Delay(retryAfter, cancellationToken);
        }
    }
}
