using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// Dashboards under traffic (issue 20): a central with an estate of --clients, 500 signed-in dashboard circuits held
/// open (<see cref="BlazorCircuit"/>), the steady ingest of the estate flowing (about 1,000 results/s, batches of 5-15,
/// one batch at a time per agent, paced), and one real browser dashboard (Chromium driven by Playwright) measuring
/// POST-accepted-to-DOM latency of a flipping edge; then a burst (1,000 clients flushing their outboxes in batches of
/// at most 500, repeated until it has lasted long enough and both kinds of sample are counted) during which the browser
/// also clicks an edge until its drill-down shows. Goal: POST-to-DOM p95 at most 1 s, at least 100 samples of each.
/// </summary>
public static class DashboardsBenchmark
{
    private const string ToggledFlow = "central-appclarity";
    private const string ClickedFlow = "website-shoppingdb-sql";
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Central refuses a batch of more than this many results (400).</summary>
    public const int MaxBatch = 500;

    public sealed record Options(int Clients = 50_000, int Circuits = 500, int SteadyRate = 1_000, int MinBatch = 5, int MaxBatch = 15,
        int SteadySeconds = 60, int BurstClients = 1_000, int BurstResults = 200_000, int BurstConcurrency = 1_000, int BurstSeconds = 30,
        int BurstMaxSeconds = 600, int Samples = 100, string? Folder = null);

    public sealed record Figures(
        int Circuits, int CircuitsOpened, double SteadyRateAsked, double SteadyRateAchieved, int SteadyLate, string SteadyPosts,
        double[] SteadyToDom, double[] BurstToDom, int FlipTimeouts, bool Stalled, double[] Clicks, int ClickTimeouts,
        long BurstResults, TimeSpan BurstDuration, int BurstRounds, string BurstPosts,
        int UpdatesExpected, int UpdatesMissed, int CircuitsConnectedAtEnd,
        double CentralCpuPercent, long CentralRssBytes, long CentralPeakRssBytes, TimeSpan Elapsed)
    {
        public double SteadyP95 => RequestStats.P(SteadyToDom, 95);

        public double BurstP95 => RequestStats.P(BurstToDom, 95);

        /// <summary>The issue's goal: p95 at most 1 s in both phases, at least 100 samples of POST-to-DOM and of clicks, the burst at least 30 s.</summary>
        public bool Passed(int samples, int burstSeconds) =>
            SteadyToDom.Length + BurstToDom.Length >= samples && Clicks.Length >= samples && FlipTimeouts == 0 && ClickTimeouts == 0
            && !Stalled && SteadyP95 <= 1000 && BurstP95 <= 1000 && BurstDuration.TotalSeconds >= burstSeconds;
    }

    public static async Task<int> RunAsync(Args args)
    {
        var (minBatch, maxBatch) = args.Range("batch", (5, 15));
        var options = new Options(
            Clients: args.Int("clients", 50_000),
            Circuits: args.Int("circuits", 500),
            SteadyRate: args.Int("steady-rate", 1_000),
            MinBatch: minBatch,
            MaxBatch: maxBatch,
            SteadySeconds: args.Int("steady-seconds", 60),
            BurstClients: args.Int("burst-clients", 1_000),
            BurstResults: args.Int("burst-results", 200_000),
            BurstConcurrency: args.Int("burst-concurrency", 1_000),
            BurstSeconds: args.Int("burst-seconds", 30),
            BurstMaxSeconds: args.Int("burst-max-seconds", 600),
            Samples: args.Int("samples", 100),
            Folder: args.Optional("folder"));
        args.EnsureAllUsed();
        var figures = await MeasureAsync(options);
        var label = $"{figures.Circuits} circuits, {options.Clients:N0} clients at {options.SteadyRate:N0} results/s";
        Report.AtMost($"POST-to-DOM p95, steady ({label}; n = {figures.SteadyToDom.Length})", figures.SteadyP95, 1000, "ms");
        Report.AtMost($"POST-to-DOM p95, during a {figures.BurstDuration.TotalSeconds:0} s burst (n = {figures.BurstToDom.Length})", figures.BurstP95, 1000, "ms");
        Report.AtMost($"click on an edge -> links panel p95, during the burst (n = {figures.Clicks.Length})", RequestStats.P(figures.Clicks, 95), 1000, "ms");
        Report.AtLeast("click samples during the burst", figures.Clicks.Length, options.Samples, "");
        Report.Info($"central RSS with {figures.Circuits} circuits (peak)", figures.CentralPeakRssBytes / 1048576.0, "MB");
        return figures.Passed(options.Samples, options.BurstSeconds) ? 0 : 1;
    }

    /// <summary>The whole run, printing as it goes; the figures for a later run-all.</summary>
    public static async Task<Figures> MeasureAsync(Options o)
    {
        if (o.MaxBatch > MaxBatch) throw new ArgumentException($"--batch: at most {MaxBatch} results per batch.");
        Console.WriteLine($"machine: {Machine.Describe()}");
        var total = Stopwatch.StartNew();
        // Kept between runs (as the burst bench's): enrolling 50,000 agents takes minutes.
        var folder = o.Folder ?? Path.Combine(Path.GetTempPath(), $"sc-bench-dashboards-{o.Clients}");
        using var central = await CentralProcess.StartAsync(folder, Fleet.EstateJson(o.Clients));
        using var http = Fleet.Client(central.Url, 64);
        var agents = await Fleet.EnrolAsync(http, Path.Combine(folder, "tokens.tsv"), o.Clients, CentralProcess.EnrolmentKey);
        var servers = agents.Where(a => Fleet.Servers.Contains(a.Host)).ToList();
        var clients = agents.Where(a => !Fleet.Servers.Contains(a.Host) && a.Probes.Count > 0).ToList();
        // The burst's clients are not the steady ones: each agent sends one batch at a time.
        var burstCount = Math.Min(o.BurstClients, clients.Count / 2);
        var burstClients = clients.TakeLast(burstCount).ToList();
        var steadyClients = clients.Take(clients.Count - burstCount).ToList();
        Console.WriteLine($"setup: central + {agents.Count:N0} agents ({agents.Sum(a => a.Probes.Count):N0} links) in {total.Elapsed.TotalSeconds:0} s; " +
                          $"{steadyClients.Count:N0} clients report steadily, {burstClients.Count:N0} flush their outboxes in the burst");

        var web01 = agents.Single(a => a.Host == "web01");
        var toggled = web01.Probes.First(p => p.FlowId == ToggledFlow);
        var factory = new ResultFactory(11);
        // The servers report once in full, so the diagram has colours and the clicked edge has links.
        foreach (var server in servers.Where(a => a.Probes.Count > 0))
            await PostAllAsync(http, server, server.Probes.Select(p => factory.Result(server, p, DateTimeOffset.UtcNow)).ToList());

        // 500 circuits, as the circuits bench opens them.
        var (viewer, cookies) = await central.SignInAsync();
        using var _ = viewer;
        var open = Stopwatch.StartNew();
        var circuits = new BlazorCircuit?[o.Circuits];
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, o.Circuits), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
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
        Console.WriteLine($"circuits: {live.Count} of {o.Circuits} opened in {open.Elapsed.TotalSeconds:0.0} s ({failures} failed); central RSS {central.ResidentBytes() / 1048576.0:N0} MB");

        // The browser, signed in as the bench admin with a session of its own.
        var (browserSession, browserCookies) = await central.SignInAsync();
        browserSession.Dispose();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await page.Context.AddCookiesAsync(browserCookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = central.Url, HttpOnly = c.HttpOnly }));
        await page.GotoAsync(central.Url);
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 120_000 });
        await page.EvaluateAsync("""
            () => {
              window.__state = flow => { const e = document.querySelector(`g.edge[data-flow='${flow}']`); return e ? e.getAttribute('data-state') : null; };
              window.__waitState = (flow, state) => new Promise(resolve => {
                if (window.__state(flow) === state) { resolve(Date.now()); return; }
                const observer = new MutationObserver(() => { if (window.__state(flow) === state) { observer.disconnect(); resolve(Date.now()); } });
                observer.observe(document.querySelector('svg.connections-diagram'), { attributes: true, subtree: true, childList: true });
              });
            }
            """);

        // The flip's two states, read off the page: web02's link of the same flow stays as it is, so "failing" may show amber rather than red.
        using var flipHttp = Fleet.Client(central.Url, 4);
        await PostAllAsync(flipHttp, web01, [new ProbeResultDto(toggled.ProbeId, toggled.FlowId, ProbeOutcome.Reachable, 2, "bench", DateTimeOffset.UtcNow)]);
        await Task.Delay(3000);
        var upState = await page.EvaluateAsync<string>("f => window.__state(f)", ToggledFlow);
        await PostAllAsync(flipHttp, web01, [new ProbeResultDto(toggled.ProbeId, toggled.FlowId, ProbeOutcome.TimedOut, null, "bench", DateTimeOffset.UtcNow)]);
        var downState = upState;
        for (var wait = Stopwatch.StartNew(); downState == upState && wait.Elapsed < TimeSpan.FromSeconds(20); await Task.Delay(100))
            downState = await page.EvaluateAsync<string>("f => window.__state(f)", ToggledFlow);
        if (downState == upState) throw new InvalidOperationException($"The edge {ToggledFlow} stayed '{upState}' after a failing result.");
        Console.WriteLine($"browser: signed in, diagram interactive; edge {ToggledFlow} flips between '{upState}' and '{downState}'");

        // Steady load, and the flipped flow's other links kept fresh (the servers report nothing else here: their plans are thousands of results).
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        using var steadyHttp = Fleet.Client(central.Url, 256);
        var steady = new SteadyLoad(steadyHttp, steadyClients, o.SteadyRate, o.MinBatch, o.MaxBatch);
        var steadyTask = steady.RunAsync(stop.Token);
        var keeper = KeepFreshAsync(http, servers, toggled.ProbeId, stop.Token);
        var cpuBefore = central.CpuTime();
        var flips = new Flipper(page, flipHttp, web01, toggled, upState, downState);
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, o.SteadySeconds / 4.0)));

        // 1. Steady: flips only.
        var steadyUntil = clock.Elapsed + TimeSpan.FromSeconds(o.SteadySeconds);
        while (clock.Elapsed < steadyUntil && !flips.Stalled) await flips.SampleAsync(burst: false);
        Console.WriteLine($"steady: {steady.Stats.AcceptedResults / clock.Elapsed.TotalSeconds:N0} results/s accepted so far (asked {o.SteadyRate:N0}); " +
                          $"POST-to-DOM {Summary(flips.Steady)}");

        // 2. Burst, repeated until it has lasted long enough and the samples are counted; flips and clicks meanwhile.
        var burstStats = new RequestStats();
        var clicks = new List<double>();
        var clickTimeouts = 0;
        using var burstHttp = Fleet.Client(central.Url, o.BurstConcurrency + 8);
        var burstClock = Stopwatch.StartNew();
        var rounds = 0;
        var burstDone = false;
        var perClient = Math.Max(1, o.BurstResults / Math.Max(1, burstClients.Count));
        int ClickCount()
        {
            lock (clicks) return clicks.Count;
        }

        var burst = Task.Run(async () =>
        {
            do
            {
                rounds++;
                await FlushAsync(burstHttp, burstClients, perClient, o.BurstConcurrency, burstStats, new ResultFactory(1000 + rounds));
            }
            while ((burstClock.Elapsed.TotalSeconds < o.BurstSeconds || ClickCount() < o.Samples || flips.Count < o.Samples) && burstClock.Elapsed.TotalSeconds < o.BurstMaxSeconds && !flips.Stalled);

            burstClock.Stop();
            Volatile.Write(ref burstDone, true);
        });
        var clicking = Task.Run(async () =>
        {
            var label = page.Locator($"g.edge[data-flow='{ClickedFlow}'] .edge-label");
            var panel = page.Locator("aside.drilldown");
            while (!Volatile.Read(ref burstDone))
            {
                try
                {
                    var click = Stopwatch.StartNew();
                    await label.ClickAsync(new() { Timeout = 60_000 });
                    await panel.WaitForAsync(new() { Timeout = 60_000 });
                    var took = click.Elapsed.TotalMilliseconds;
                    if (!Volatile.Read(ref burstDone)) lock (clicks) clicks.Add(took);
                    await page.Locator("aside.drilldown .drilldown-close").ClickAsync(new() { Timeout = 60_000 });
                    await panel.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 60_000 });
                }
                catch (TimeoutException)
                {
                    // Counted, and the run goes on: a click that never showed its panel is the finding, not a crash.
                    Interlocked.Increment(ref clickTimeouts);
                }

                await Task.Delay(250);
            }
        });
        while (!Volatile.Read(ref burstDone))
        {
            if (flips.Stalled) await Task.Delay(1000);
            else await flips.SampleAsync(burst: true);
        }
        await burst;
        await clicking;
        var burstElapsed = burstClock.Elapsed;
        var cpu = central.CpuTime() - cpuBefore;
        var measured = clock.Elapsed;
        await stop.CancelAsync();
        await steadyTask;
        await keeper;

        // Every circuit should have had a render batch after each flip was accepted (before the next one).
        var flipTimes = flips.AcceptedTimestamps;
        var missed = 0;
        foreach (var circuit in live)
        {
            var batches = circuit.BatchTimestamps();
            for (var i = 0; i < flipTimes.Count; i++)
            {
                var end = i + 1 < flipTimes.Count ? flipTimes[i + 1] : long.MaxValue;
                if (!batches.Any(t => t >= flipTimes[i] && t < end)) missed++;
            }
        }

        double[] clickArray;
        lock (clicks) clickArray = [.. clicks.Order()];
        var figures = new Figures(o.Circuits, live.Count, o.SteadyRate, steady.Stats.AcceptedResults / measured.TotalSeconds, steady.Late, steady.Stats.Statuses,
            [.. flips.Steady.Order()], [.. flips.Burst.Order()], flips.Timeouts, flips.Stalled, clickArray, clickTimeouts,
            burstStats.AcceptedResults, burstElapsed, rounds, burstStats.Statuses,
            live.Count * flipTimes.Count, missed, live.Count(c => c.Connected),
            cpu.TotalSeconds / measured.TotalSeconds * 100, central.ResidentBytes(), central.PeakResidentBytes(), total.Elapsed);

        Console.WriteLine($"steady load: {figures.SteadyRateAchieved:N0} results/s accepted over {measured.TotalSeconds:0} s (asked {o.SteadyRate:N0}, batches of {o.MinBatch}-{o.MaxBatch}, " +
                          $"{steadyClients.Count:N0} clients); {steady.Late:N0} batches not sent on time (every agent busy); answers {steady.Stats.Statuses}; POST latency {steady.Stats.Latency()}");
        Console.WriteLine($"burst: {burstStats.AcceptedResults:N0} results from {burstClients.Count:N0} clients ({rounds} round(s) of {perClient:N0} each, batches of at most {MaxBatch}, " +
                          $"{o.BurstConcurrency} at once) in {burstElapsed.TotalSeconds:0.0} s = {burstStats.AcceptedResults / burstElapsed.TotalSeconds:N0} results/s; answers {burstStats.Statuses}; POST latency {burstStats.Latency()}");
        Console.WriteLine($"POST accepted -> DOM, steady: {Summary(figures.SteadyToDom)}");
        Console.WriteLine($"POST accepted -> DOM, during the burst: {Summary(figures.BurstToDom)}");
        if (flips.Timeouts > 0) Console.WriteLine($"POST accepted -> DOM: {flips.Timeouts} flip(s) not shown within {Flipper.Timeout.TotalSeconds:0} s");
        Console.WriteLine($"click on an edge -> drill-down shown, during the burst: {Summary(figures.Clicks)}{(clickTimeouts > 0 ? $"; {clickTimeouts} click(s) not answered within 60 s" : "")}");
        Console.WriteLine($"circuits: {figures.UpdatesExpected - missed:N0} of {figures.UpdatesExpected:N0} flip updates delivered to the {live.Count} circuits ({missed:N0} missed); " +
                          $"{figures.CircuitsConnectedAtEnd} still connected at the end");
        foreach (var error in live.Where(c => c.Error is not null).Select(c => c.Error).Distinct().Take(3)) Console.WriteLine($"circuit error: {error}");
        Console.WriteLine($"central: CPU {figures.CentralCpuPercent:0}% of one core while measured ({measured.TotalSeconds:0} s); RSS {figures.CentralRssBytes / 1048576.0:N0} MB at the end, peak {figures.CentralPeakRssBytes / 1048576.0:N0} MB");
        var passed = figures.Passed(o.Samples, o.BurstSeconds);
        Console.WriteLine($"goal (p95 <= 1 s steady and in the burst, >= {o.Samples} samples and clicks, burst >= {o.BurstSeconds} s): {(passed ? "met" : "NOT met")}");

        foreach (var circuit in live) await circuit.DisposeAsync();
        return figures;
    }

    private static string Summary(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? "n=0" : string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Length} p50={RequestStats.P(sorted, 50):0} ms p95={RequestStats.P(sorted, 95):0} ms max={sorted[^1]:0} ms");
    }

    /// <summary>Flips the toggled edge and times POST accepted -> the edge's data-state in the browser's DOM.</summary>
    private sealed class Flipper(IPage page, HttpClient http, SimAgent agent, PlannedProbe probe, string upState, string downState)
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

        private bool _down;

        public List<double> Steady { get; } = [];

        public List<double> Burst { get; } = [];

        public List<long> AcceptedTimestamps { get; } = [];

        public int Timeouts { get; private set; }

        /// <summary>Samples so far, steady and burst (read by the burst's loop while this one adds: a torn count only delays its end a round).</summary>
        public int Count => Volatile.Read(ref _count);

        private int _count;

        /// <summary>A flip was not shown within 2 min: the dashboard no longer follows, further samples are pointless.</summary>
        public bool Stalled { get; private set; }

        public async Task SampleAsync(bool burst)
        {
            _down = !_down;
            var state = _down ? downState : upState;
            await page.EvaluateAsync("([f, s]) => { window.__p = window.__waitState(f, s); }", new[] { ToggledFlow, state });
            var outcome = _down ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable;
            await PostAllAsync(http, agent, [new ProbeResultDto(probe.ProbeId, probe.FlowId, outcome, _down ? null : 2, "bench", DateTimeOffset.UtcNow)]);
            var accepted = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            AcceptedTimestamps.Add(Stopwatch.GetTimestamp());
            var shown = page.EvaluateAsync<double>("() => window.__p");
            if (await Task.WhenAny(shown, Task.Delay(Timeout)) != shown)
            {
                // Counted as a failure, not a sample; the next flip starts from the state this one asked for.
                Timeouts++;
                AcceptedTimestamps.RemoveAt(AcceptedTimestamps.Count - 1);
                try
                {
                    await shown.WaitAsync(TimeSpan.FromMinutes(2));
                }
                catch (TimeoutException)
                {
                    // The dashboard stopped following: the run ends here, its figures so far printed.
                    Console.WriteLine($"browser: {ToggledFlow} not shown as '{state}' within 2 min of the POST; stopping the run");
                    Stalled = true;
                }
            }
            else
            {
                (burst ? Burst : Steady).Add(await shown - accepted);
                Interlocked.Increment(ref _count);
            }

            await Task.Delay(Random.Shared.Next(50, 300)); // spread the samples over the live update throttle's phase
        }
    }

    /// <summary>Each burst client sends its outbox (<paramref name="perClient"/> results, oldest first) in batches of at most 500, one at a time.</summary>
    private static async Task FlushAsync(HttpClient http, IReadOnlyList<SimAgent> clients, int perClient, int concurrency, RequestStats stats, ResultFactory factory)
    {
        var end = DateTimeOffset.UtcNow;
        var outboxes = new ConcurrentQueue<(SimAgent Agent, ResultBatch[] Batches)>(clients.Select(a =>
            (a, factory.Backlog(a, perClient, TimeSpan.FromMinutes(10), end).Chunk(MaxBatch).Select(c => new ResultBatch(Guid.NewGuid(), c)).ToArray())));
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, clients.Count)).Select(_ => Task.Run(async () =>
        {
            while (outboxes.TryDequeue(out var outbox))
            {
                foreach (var batch in outbox.Batches) await IngestBenchmark.PostUntilTakenAsync(http, outbox.Agent, batch, stats);
            }
        })));
    }

    /// <summary>Every 30 s the servers' links of the two measured flows (bar the toggled one) report again, so they never go grey (stale).</summary>
    private static async Task KeepFreshAsync(HttpClient http, IReadOnlyList<SimAgent> servers, string toggledProbe, CancellationToken cancellationToken)
    {
        var factory = new ResultFactory(31);
        var stats = new RequestStats();
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                foreach (var server in servers)
                {
                    var results = server.Probes.Where(p => p.FlowId is ToggledFlow or ClickedFlow && p.ProbeId != toggledProbe)
                        .Select(p => factory.Result(server, p, DateTimeOffset.UtcNow)).ToList();
                    foreach (var chunk in results.Chunk(MaxBatch))
                        await IngestBenchmark.PostUntilTakenAsync(http, server, new ResultBatch(Guid.NewGuid(), chunk), stats, cancellationToken: cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>Posts every result, in batches of at most 500 (central refuses more), each until taken.</summary>
    public static async Task PostAllAsync(HttpClient http, SimAgent agent, IReadOnlyList<ProbeResultDto> results)
    {
        var stats = new RequestStats();
        foreach (var chunk in results.Chunk(MaxBatch))
        {
            var status = await IngestBenchmark.PostUntilTakenAsync(http, agent, new ResultBatch(Guid.NewGuid(), chunk), stats);
            if (status != HttpStatusCode.OK) throw new InvalidOperationException($"Posting {agent.Host}'s results: {(int?)status}.");
        }
    }
}
