using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport.Estates;

// Live dashboard benchmark (docs/benchmarks.md, "Live dashboard"):
//  1. latency: a result posted through the agent API -> the edge's colour changes in an open dashboard
//     (from "POST accepted" to the DOM mutation, both on this machine's clock), many samples, p50/p95;
//  2. burst: every client reports every probe at once (clients x 10 results) while the dashboard is open:
//     dashboard renders counted, clicks on an edge timed until its drill-down shows, main-thread stalls measured.
//     Each client's batch holds several runs of each of its 10 probes, as an outbox flushed after an outage does.
// Usage: dotnet run -c Release --project bench/ShoppingConnectivity.Bench.Live -- [clients=1000] [samples=100] [runsPerProbe=5]
var clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
const string Chromium = "/usr/bin/chromium";
const string ToggledFlow = "central-appclarity";
const string ClickedFlow = "website-shoppingdb-sql";

var setup = Stopwatch.StartNew();
// Every simulated agent enrols and reports from this one address: the per-address and per-agent limits are lifted.
using var central = await Central.StartAsync(FullEstate.Json("Diagram lab", FullEstate.ClientNames(clients)), probeIntervalSeconds: 3600, probeTimeoutMs: 3000, liveUpdateMilliseconds: 250,
    settings: new Dictionary<string, string>
    {
        ["Central__Security__EnrolRequestsPerMinute"] = "1000000",
        ["Central__Security__AgentRequestsPerMinute"] = "1000000",
    });
// A batch waits its turn at the store during the burst: give it longer than the tests' 10 s.
using var http = new HttpClient { BaseAddress = new Uri(central.Url), Timeout = TimeSpan.FromMinutes(5) };
var fleet = new AgentFleet(central, http);
var hosts = new[] { "web01", "rcv01", "con01" }.Concat(FullEstate.ClientNames(clients)).ToList();
await fleet.EnrolAsync(hosts, parallelism: 8);
Console.WriteLine($"setup: central + {hosts.Count:N0} agents enrolled with their plans in {setup.Elapsed.TotalSeconds:0.0} s");
// The servers report first, so the dashboard has something to show.
foreach (var server in new[] { "web01", "rcv01", "con01" }) (await fleet.ReportAsync(server, _ => ProbeOutcome.Reachable)).Dispose();

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
var page = await central.NewSignedInPageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
await page.GotoAsync(central.Url);
await page.Locator("[data-interactive='true']").WaitForAsync();
await page.EvaluateAsync("""
    () => {
      window.__renders = 0;
      window.__stall = 0;
      const svg = document.querySelector('svg.connections-diagram');
      new MutationObserver(() => window.__renders++).observe(svg, { attributes: true, attributeFilter: ['data-version'] });
      // Main-thread stalls: how late a 20 ms timer fires.
      let last = performance.now();
      setInterval(() => { const now = performance.now(); window.__stall = Math.max(window.__stall, now - last - 20); last = now; }, 20);
      window.__waitState = (flow, state) => new Promise(resolve => {
        const done = () => { const e = document.querySelector(`g.edge[data-flow='${flow}']`); return e && e.getAttribute('data-state') === state; };
        const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(Date.now()); } });
        observer.observe(document.querySelector('svg.connections-diagram'), { attributes: true, subtree: true, childList: true });
      });
    }
    """);

// 1. Latency, quiet system.
var web01 = fleet.Agents["web01"];
var probe = web01.Plan.Probes.Single(p => p.FlowId == ToggledFlow);
var latencies = new List<double>();
var fromSend = new List<double>();
for (var i = 0; i < samples; i++)
{
    var outcome = i % 2 == 0 ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable;
    await page.EvaluateAsync("([f, s]) => { window.__p = window.__waitState(f, s); }", new[] { ToggledFlow, outcome == ProbeOutcome.Reachable ? "Green" : "Red" });
    var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    (await fleet.PostAsync(web01.Agent, [new ProbeResultDto(probe.ProbeId, probe.FlowId, outcome, 2, "bench", DateTimeOffset.UtcNow)])).Dispose();
    var accepted = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    var shown = await page.EvaluateAsync<double>("() => window.__p");
    latencies.Add(shown - accepted);
    fromSend.Add(shown - sent);
    await Task.Delay(Random.Shared.Next(50, 300)); // spread the samples over the throttle's phase
}

Console.WriteLine($"latency POST accepted -> DOM change: n={samples} p50={P(latencies, 50):0} ms p95={P(latencies, 95):0} ms max={latencies.Max():0} ms" +
                  $" (from POST sent: p50={P(fromSend, 50):0} ms p95={P(fromSend, 95):0} ms)");

// 2. Burst: every client reports every probe; 2% of the results fail.
var rendersBefore = await page.EvaluateAsync<int>("() => window.__renders");
await page.EvaluateAsync("() => { window.__stall = 0; }");
var burst = Stopwatch.StartNew();
var results = 0;
var posting = Task.Run(async () =>
{
    await Parallel.ForEachAsync(hosts.Skip(3), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (host, _) =>
    {
        var (agent, plan) = fleet.Agents[host];
        var start = DateTimeOffset.UtcNow.AddMinutes(-runs);
        var batch = Enumerable.Range(0, runs).SelectMany(run => plan.Probes.Select(p =>
        {
            var failing = Random.Shared.Next(50) == 0;
            return new ProbeResultDto(p.ProbeId, p.FlowId, failing ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable,
                failing ? null : 3, failing ? "no answer" : "connected", start.AddMinutes(run));
        })).ToList();
        using var response = await fleet.PostAsync(agent, batch);
        Interlocked.Add(ref results, batch.Count);
    });
    burst.Stop();
});

var clicks = new List<double>();
while (!posting.IsCompleted)
{
    var click = Stopwatch.StartNew();
    await page.Locator($"g.edge[data-flow='{ClickedFlow}'] .edge-label").ClickAsync();
    await page.Locator("aside.drilldown").WaitForAsync();
    clicks.Add(click.Elapsed.TotalMilliseconds);
    await page.Locator("aside.drilldown .drilldown-close").ClickAsync();
    await page.Locator("aside.drilldown").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    await Task.Delay(250);
}

await posting;
var settle = Stopwatch.StartNew();
await page.WaitForFunctionAsync("() => document.querySelector(\"g.edge[data-flow='client-website-http']\").getAttribute('data-state') !== 'Grey'");
var renders = await page.EvaluateAsync<int>("() => window.__renders") - rendersBefore;
var stall = await page.EvaluateAsync<double>("() => window.__stall");
Console.WriteLine($"burst: {results:N0} results in {hosts.Count - 3:N0} batches posted in {burst.Elapsed.TotalSeconds:0.0} s ({results / burst.Elapsed.TotalSeconds:N0} results/s, 4 batches in parallel)");
Console.WriteLine($"burst: dashboard renders during it: {renders} ({renders / burst.Elapsed.TotalSeconds:0.0}/s); last change shown {settle.ElapsedMilliseconds} ms after the last POST");
Console.WriteLine($"burst: click on an edge -> drill-down shown: n={clicks.Count} p50={P(clicks, 50):0} ms p95={P(clicks, 95):0} ms max={(clicks.Count > 0 ? clicks.Max() : 0):0} ms; longest main-thread stall {stall:0} ms");
return 0;

static double P(List<double> values, int percentile)
{
    if (values.Count == 0) return double.NaN;
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
