using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// What users would run instead of central (issue 20): Prometheus scraping a blackbox exporter, one scrape per probe
/// result. A real Prometheus (the installed binary) scrapes <c>--targets</c> targets at <c>--rate</c> scrapes per second
/// in all (scrape_interval = targets / rate) from a stand-in exporter in this process that answers a body the real
/// blackbox exporter gave (<see cref="StaticBlackboxExporter"/>), so only Prometheus's own work is measured. After
/// <c>--warmup</c> seconds (its memory and CPU settle after the first head-block work), Prometheus's CPU over
/// <c>--seconds</c> is divided by the scrapes done in that time.
/// </summary>
public static class PrometheusComparison
{
    // up, scrape_duration_seconds, scrape_samples_scraped, scrape_samples_post_metric_relabeling, scrape_series_added.
    private const int SamplesPrometheusAdds = 5;

    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["tcp_connect"] = "blackbox-probe-tcp.txt",
        ["http_2xx"] = "blackbox-probe-http.txt",
    };

    public static async Task<int> RunAsync(Args args)
    {
        var targets = args.Int("targets", 1_000);
        var rate = args.Int("rate", 1_000);
        var seconds = args.Int("seconds", 120);
        var warmup = args.Int("warmup", 60);
        var module = args.Text("module", "tcp_connect");
        var gzip = args.Text("gzip", "true") switch
        {
            "true" => true,
            "false" => false,
            var other => throw new ArgumentException($"--gzip: true or false, not '{other}'."),
        };
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-prometheus"));
        args.EnsureAllUsed();
        if (targets <= 0 || rate <= 0 || seconds <= 0 || warmup < 0) throw new ArgumentException("--targets, --rate and --seconds must be positive, --warmup not negative.");
        if (!Bodies.ContainsKey(module)) throw new ArgumentException($"--module: one of {string.Join(", ", Bodies.Keys)}.");

        // Ctrl-C or SIGTERM ends the run through the finally blocks, so Prometheus is stopped and its data deleted.
        using var cancel = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            await MeasureAsync(targets, rate, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), folder, module, gzip, cancel.Token);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped: Prometheus ended and its data deleted.");
            return 130;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException or TimeoutException or HttpRequestException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    /// <summary>
    /// Runs Prometheus at <paramref name="targets"/> targets taking <paramref name="probesPerSecond"/> probe results per
    /// second, prints what it sees and returns the figures. Fails when a scrape fails (a target not up): the CPU would
    /// then be that of failures.
    /// </summary>
    /// <param name="folder">Prometheus's configuration and TSDB go in folder/run, deleted at the end.</param>
    /// <param name="module">tcp_connect (6 samples per answer) or http_2xx (17).</param>
    /// <param name="gzip">
    /// Answers gzipped, as the real exporter sends them to Prometheus (which then keeps a gzip reader per target);
    /// false shows what an exporter with compression off would cost.
    /// </param>
    public static async Task<PrometheusFigures> MeasureAsync(int targets, double probesPerSecond, TimeSpan window, TimeSpan warmup, string folder,
        string module = "tcp_connect", bool gzip = true, CancellationToken cancel = default)
    {
        Console.WriteLine($"machine: {Machine.Describe()}");
        var interval = TimeSpan.FromMilliseconds(Math.Round(targets / probesPerSecond * 1000));
        await using var exporter = await StaticBlackboxExporter.StartAsync(Bodies[module], gzip);
        await using var prometheus = await PrometheusServer.StartAsync(Path.Combine(folder, "run"), targets, interval, exporter.Address, module, cancel);
        var samples = exporter.Samples + SamplesPrometheusAdds;
        var version = await prometheus.VersionAsync(cancel);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prometheus {version} (pid {prometheus.Pid}): {targets:N0} targets every {interval.TotalSeconds:0.###} s = {targets / interval.TotalSeconds:N0} probe results/s, " +
            $"module {module}, answers {(gzip ? "gzipped" : "plain")}: {exporter.Samples} samples per answer + {SamplesPrometheusAdds} Prometheus adds = {samples} per scrape"));

        Console.WriteLine($"warm-up: {warmup.TotalSeconds:0} s");
        await Task.Delay(warmup, cancel);
        var upBefore = await prometheus.QueryAsync("count(up == 1)", cancel);
        Console.WriteLine($"after warm-up: {upBefore:0} of {targets:N0} targets up, RSS {Mb(prometheus.ResidentBytes())} MB");

        var ownBefore = await prometheus.OwnMetricAsync("prometheus_target_interval_length_seconds_count", cancel);
        var requestsBefore = exporter.Requests;
        var gzippedBefore = exporter.GzippedAnswers;
        var cpuBefore = prometheus.CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.Delay(window, cancel);
        var cpu = prometheus.CpuTime() - cpuBefore;
        var scrapes = exporter.Requests - requestsBefore;
        var gzipped = exporter.GzippedAnswers - gzippedBefore;
        var elapsed = clock.Elapsed;
        var rss = prometheus.ResidentBytes();
        var peak = prometheus.PeakResidentBytes();
        var ownScrapes = await prometheus.OwnMetricAsync("prometheus_target_interval_length_seconds_count", cancel) - ownBefore;

        // Every target answered its last scrape, with the samples expected, so the CPU above is that of working scrapes.
        var up = await prometheus.QueryAsync("count(up == 1)", cancel);
        var scraped = await prometheus.QueryAsync("avg(scrape_samples_scraped)", cancel);
        var series = await prometheus.OwnMetricAsync("prometheus_tsdb_head_series", cancel);
        var failed = await prometheus.OwnMetricAsync("prometheus_target_scrapes_exceeded_sample_limit_total", cancel);
        // Go's heap beside RSS: RSS also holds freed pages the runtime has not returned yet, and the mmapped head chunks.
        var heap = await prometheus.OwnMetricAsync("go_memstats_heap_inuse_bytes", cancel);
        var rate = scrapes / elapsed.TotalSeconds;
        var micros = scrapes == 0 ? double.NaN : cpu.TotalMicroseconds / scrapes;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"window: {elapsed.TotalSeconds:0.0} s, {scrapes:N0} scrapes answered = {rate:N0} probe results/s ({scrapes / (targets / interval.TotalSeconds * elapsed.TotalSeconds) * 100:0}% of the rate asked; Prometheus counted {ownScrapes:N0}), {gzipped * 100.0 / scrapes:0}% answered gzipped"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checks: {up:0} of {targets:N0} targets up at the end, {scraped:0.#} samples scraped per answer, {series:N0} head series, {failed:0} scrapes over a sample limit"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prometheus CPU: {cpu.TotalSeconds / elapsed.TotalSeconds * 100:0.0}% of one core = {micros:0} µs per probe result ({samples} samples each), {cpu.TotalMicroseconds / scrapes / samples:0.0} µs per sample"));
        Console.WriteLine($"prometheus memory: RSS {Mb(rss)} MB at the end, peak {Mb(peak)} MB (VmHWM), Go heap in use {Mb((long)heap)} MB; load average now {Machine.LoadAverage()}");

        if (up != targets) throw new InvalidOperationException($"Only {up} of {targets} targets were up at the end: the figures are not those of working scrapes.\n{prometheus.Output}");
        if (Math.Abs(scraped - exporter.Samples) > 0.01) throw new InvalidOperationException($"Prometheus scraped {scraped} samples per answer, the exporter's answer has {exporter.Samples}.");
        return new PrometheusFigures(micros, rss, peak, targets, rate, samples);
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);
}
