using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Databases;
using ShoppingConnectivity.TestSupport.Processes;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// An upgrade with no downtime, with the real parts: two central nodes on one PostgreSQL behind Debian's haproxy, two
/// real agents and a signed-in chromium page going through the proxy. Node A is stopped (SIGTERM) and started again,
/// then node B, as docs/scaling.md says. Watched every 200 ms throughout: no edge that had data shows "No data", in
/// the read API or on the page; afterwards every batch an agent was told was stored is in the database exactly once.
/// </summary>
public sealed class RollingRestartEndToEndTests : IDisposable
{
    private static readonly string[] Hosts = ["web01", "web02"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private const int ProbeIntervalSeconds = 5;

    private readonly ITestOutputHelper _output;
    private readonly PostgresServer _postgres = PostgresServer.Shared;
    private readonly string _database = "sc_rolling_" + Guid.NewGuid().ToString("N")[..12];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public RollingRestartEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _postgres.CreateDatabase(_database);
    }

    private Dictionary<string, string> Settings => new()
    {
        ["Central__Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Central"] = _postgres.ConnectionString(_database),
    };

    /// <summary>Each acknowledged batch in the agent's log (its debug line), so the test can find it in the database.</summary>
    private static readonly Dictionary<string, string> AgentSettings = new()
    {
        ["Logging__LogLevel__ShoppingConnectivity.Agent.Scheduling.PushJob"] = "Debug",
    };

    private void Phase(string what) => _output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:N1} s  {what}");

    [Fact]
    public async Task TwoNodesBehindHaproxy_RestartedOneAfterTheOther_NoEdgeShowsNoDataAndNoResultIsLost()
    {
        using var estate = new LoopbackEstate();
        var json = TwoWebServers(estate);
        // One after the other: the second finds the schema migrated and the first administrator created. Probes every
        // 5 s: a link is silent (grey) after 15 s without a result and repeated results come at least every 7.5 s, so
        // a node's results may stop for up to 7.5 s while a restart moves them. With 1 s probes (silent after 3 s) a
        // restarted node's first commits alone took that long on this 2-core machine under load (the slowest seen: 2.9 s
        // for the first POST, 4 s between the last commit on B and the first on A); production probes every 60 s.
        using var nodeA = await Central.StartAsync(json, probeIntervalSeconds: ProbeIntervalSeconds, settings: Settings);
        using var nodeB = await Central.StartAsync(json, probeIntervalSeconds: ProbeIntervalSeconds, settings: Settings);
        using var proxy = await Haproxy.StartAsync([("a", nodeA.Url), ("b", nodeB.Url)]);
        Phase("two nodes and haproxy up");
        var agents = Hosts.Select(h => nodeA.StartAgent(h, AgentSettings, proxy.Url)).ToList();
        try
        {
            // The session was signed in on node A; both the API client and the page start on A (haproxy's cookie), so
            // A's restart moves them to B and B's back to A, and B must take A's session cookie.
            using var api = SignedInClient(nodeA, proxy.Url, node: "a");
            await Eventually.AssertAsync(async () => Coloured(await EdgesAsync(api)), Deadline,
                () => "the edges did not turn green and red through the proxy.\n" + Outputs(nodeA, nodeB, proxy, agents));

            await using var browser = await BrowserSession.LaunchAsync();
            var page = await nodeA.NewSignedInPageAsync(browser.Chromium, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } }, proxy.Url);
            await page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "SC_NODE", Value = "a", Url = proxy.Url }]);
            // Two nodes, PostgreSQL, haproxy, two agents and chromium share the machine's cores: pages may load slowly.
            page.SetDefaultTimeout(60_000);
            page.SetDefaultNavigationTimeout(60_000);
            await BrowserSession.GotoInteractiveAsync(page, proxy.Url);
            await Assertions.Expect(page.Locator($"g.edge[data-flow='{LoopbackEstate.OpenFlow}']")).ToHaveAttributeAsync("data-state", "Green", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator($"g.edge[data-flow='{LoopbackEstate.ClosedFlow}']")).ToHaveAttributeAsync("data-state", "Red", new() { Timeout = 30_000 });
            Phase("edges green and red through the proxy, in the API and on the page (circuit on node A)");

            var watch = new Watch(api, page, _clock);
            var watching = watch.RunAsync();
            var stopA = await RestartAsync(nodeA, "a", proxy, watch, page);
            var stopB = await RestartAsync(nodeB, "b", proxy, watch, page);
            // A little longer: what follows B's return (circuits moving, B's live state after its start) is watched too.
            watch.Phase = "after the restarts";
            await Task.Delay(TimeSpan.FromSeconds(5));
            await watch.StopAsync();
            await watching;
            Phase($"rolling restart done: {watch.ApiSamples} API samples, {watch.PageSamples} page samples");
            // The page ends where it began, signed in (not on the login page: B took A's cookie, A took B's), live.
            Assert.Equal(proxy.Url + "/", page.Url);
            await Assertions.Expect(page.Locator($"g.edge[data-flow='{LoopbackEstate.OpenFlow}']")).ToHaveAttributeAsync("data-state", "Green");
            await Assertions.Expect(page.Locator($"g.edge[data-flow='{LoopbackEstate.ClosedFlow}']")).ToHaveAttributeAsync("data-state", "Red");

            // No result is lost: once the outboxes are drained of everything probed before now, every batch an agent was
            // told was stored is stored, exactly once.
            var end = DateTimeOffset.UtcNow;
            await Eventually.AssertAsync(() => Hosts.All(h => AgentOutbox.Read(nodeA.AgentDataDirectory(h)).All(r => r.At >= end)), Deadline,
                () => "the outboxes did not drain.\n" + Outputs(nodeA, nodeB, proxy, agents));
            var acknowledged = agents.SelectMany(a => Acknowledged(a.Output)).ToList();
            var stored = StoredResults.ReadPostgreSql(_postgres.ConnectionString(_database));
            var servers = await proxy.ServersAsync();
            var agentWarnings = agents.Sum(a => Regex.Matches(a.Output, "Central did not take the results").Count);

            Phase($"node A stopped in {stopA.Stop.TotalSeconds:N1} s, back in the proxy {stopA.Back.TotalSeconds:N1} s after its start; "
                + $"node B stopped in {stopB.Stop.TotalSeconds:N1} s, back {stopB.Back.TotalSeconds:N1} s after its start");
            foreach (var (name, s) in servers)
                Phase($"haproxy server {name}: {s.Sessions} requests, {s.Redispatches} failed over to the other node, {s.Retries} retried, "
                    + $"{s.ResponseErrors} answers lost, {s.ConnectionErrors} connections refused, {s.Responses5xx} 5xx");
            // Why haproxy took each node out and when it had it back (a 503 from /healthz, or the port closed).
            foreach (Match m in Regex.Matches(proxy.Process.Output, @"^Server nodes/(\w+) is (UP|DOWN), reason: ([^,]+)(?:, code: (\d+))?", RegexOptions.Multiline))
                Phase($"haproxy: node {m.Groups[1].Value} {m.Groups[2].Value} ({m.Groups[3].Value}{(m.Groups[4].Success ? " " + m.Groups[4].Value : "")})");
            foreach (var (request, count) in FailedOver(proxy.Process.Output))
                Phase($"failed over to the other node: {count} x {request}");
            Phase($"agents: {acknowledged.Count} batches acknowledged ({acknowledged.Count(b => b.Duplicate)} as duplicates: stored before, sent again), "
                + $"{agentWarnings} pushes failed and were sent again later; {stored.Count} results stored");
            Phase($"page: {watch.PageLoads} loads after the first ({watch.TestReloads} by the test), {watch.PageGaps} samples while it was loading; "
                + $"API: {watch.ApiFailures.Count} failed requests");

            Assert.True(watch.Violations.Count == 0, "an edge with data showed no data:\n" + string.Join("\n", watch.Violations.Take(30))
                + "\n" + Outputs(nodeA, nodeB, proxy, agents));
            Assert.True(watch.ApiFailures.Count == 0, "requests through the proxy failed:\n" + string.Join("\n", watch.ApiFailures.Take(30)));
            Assert.NotEmpty(acknowledged);
            var twice = stored.GroupBy(r => (r.AgentId, r.ProbeId, r.At)).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
            Assert.True(twice.Count == 0, "stored more than once: " + string.Join("; ", twice.Take(10)));
            var byBatch = stored.GroupBy(r => r.BatchId).ToDictionary(g => g.Key, g => g.Count());
            var missing = acknowledged.Where(b => byBatch.GetValueOrDefault(b.BatchId) != b.Count)
                .Select(b => $"{b.BatchId}: {b.Count} acknowledged, {byBatch.GetValueOrDefault(b.BatchId)} stored").ToList();
            Assert.True(missing.Count == 0, "acknowledged batches not stored exactly once:\n" + string.Join("\n", missing.Take(20)));
            Assert.All(agents, a => Assert.False(a.HasExited, a.Output));
        }
        catch
        {
            _output.WriteLine(Outputs(nodeA, nodeB, proxy, agents));
            SaveLogs(nodeA, nodeB, proxy, agents);
            throw;
        }
        finally
        {
            foreach (var agent in agents) agent.Dispose();
        }
    }

    /// <summary>
    /// One node's turn: SIGTERM (timed), started again on the same port and data folder, then until haproxy's checks
    /// have it UP again and the page (which may have moved) is interactive.
    /// </summary>
    private async Task<(TimeSpan Stop, TimeSpan Back)> RestartAsync(Central node, string name, Haproxy proxy, Watch watch, IPage page)
    {
        watch.Phase = $"node {name} stopping";
        Phase(watch.Phase);
        var stop = await node.StopAsync();
        watch.Phase = $"node {name} stopped";
        Phase($"node {name} stopped in {stop.TotalSeconds:N1} s");
        var starting = Stopwatch.StartNew();
        watch.Phase = $"node {name} starting";
        await node.StartAgainAsync();
        await proxy.WaitForStatusAsync(name, "UP", Deadline);
        var back = starting.Elapsed;
        watch.Phase = $"node {name} back";
        Phase($"node {name} healthy and UP in haproxy {back.TotalSeconds:N1} s after its start");
        await BrowserSession.WaitForCircuitAsync(page);
        return (stop, back);
    }

    /// <summary>The loopback estate with a second web server, so two real agents report (web01 and web02).</summary>
    private static string TwoWebServers(LoopbackEstate estate) => $$"""
        {
          "name": "Loopback lab, two web servers",
          "hosts": [
            { "name": "web01", "address": "127.0.0.1", "roles": ["Website", "CentralService"] },
            { "name": "web02", "address": "127.0.0.1", "roles": ["Website", "CentralService"] },
            { "name": "sql01", "address": "127.0.0.1", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": {{estate.ClosedPort}} } },
            { "name": "ae01", "address": "127.0.0.1", "roles": ["ActiveEfficiency"], "ports": { "activeEfficiencyHttp": {{estate.OpenPort}} } }
          ]
        }
        """;

    private static bool Coloured(Dictionary<string, string> edges) =>
        edges.GetValueOrDefault(LoopbackEstate.OpenFlow) == "Green" && edges.GetValueOrDefault(LoopbackEstate.ClosedFlow) == "Red";

    /// <summary>A client of the proxy with <paramref name="central"/>'s session cookie, pinned to <paramref name="node"/> by haproxy's cookie.</summary>
    private static HttpClient SignedInClient(Central central, string proxyUrl, string node)
    {
        var cookies = new CookieContainer();
        var uri = new Uri(proxyUrl);
        foreach (var c in central.SessionCookies) cookies.Add(uri, new System.Net.Cookie(c.Name, c.Value));
        cookies.Add(uri, new System.Net.Cookie("SC_NODE", node));
        return new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = uri,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>Each flow's colour from GET /api/v1/edges.</summary>
    private static async Task<Dictionary<string, string>> EdgesAsync(HttpClient api)
    {
        using var response = await api.GetAsync("/api/v1/edges");
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("flowId").GetString()!, e => e.GetProperty("colour").GetString()!);
    }

    private sealed record AcknowledgedBatch(Guid BatchId, int Count, bool Duplicate);

    /// <summary>The batches an agent logged as acknowledged by central (PushJob's debug line).</summary>
    private static IEnumerable<AcknowledgedBatch> Acknowledged(string agentOutput) =>
        Regex.Matches(agentOutput, @"Central acknowledged batch ([0-9a-f-]{36}): (\d+) results, duplicate (True|False)\.")
            .Select(m => new AcknowledgedBatch(Guid.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups[3].Value == "True"));

    /// <summary>
    /// Requests haproxy sent to the other node after they failed on the first (a "+N" retry count in its log line),
    /// by method, path (agent ids as {id}) and the answer that reached the client.
    /// </summary>
    private static IEnumerable<(string Request, int Count)> FailedOver(string haproxyLog) =>
        Regex.Matches(haproxyLog, @" \d+/\d+/\d+/\d+/\+\d+ \d+/\d+ ""(\w+) ([^ ?""]+)")
            .Select(m => $"{m.Groups[1].Value} {Regex.Replace(m.Groups[2].Value, "/agents/[^/]+/", "/agents/{id}/")}")
            .GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()));

    private static string Outputs(Central nodeA, Central nodeB, Haproxy proxy, IEnumerable<TestProcess> agents) =>
        $"Node A before:\n{Tail(nodeA.PreviousOutput)}\nNode A:\n{Tail(nodeA.Process.Output)}\nNode B before:\n{Tail(nodeB.PreviousOutput)}\n"
        + $"Node B:\n{Tail(nodeB.Process.Output)}\nhaproxy:\n{Tail(proxy.Process.Output)}\n"
        + string.Join("\n", agents.Select(a => "Agent:\n" + Tail(a.Output)));

    /// <summary>The whole logs of a failed run under TestResults/rolling-restart (the test output keeps their tails).</summary>
    private static void SaveLogs(Central nodeA, Central nodeB, Haproxy proxy, IReadOnlyList<TestProcess> agents)
    {
        var folder = Path.Combine(Repository.Root(), "TestResults", "rolling-restart");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "node-a.log"), nodeA.PreviousOutput + "\n--- started again ---\n" + nodeA.Process.Output);
        File.WriteAllText(Path.Combine(folder, "node-b.log"), nodeB.PreviousOutput + "\n--- started again ---\n" + nodeB.Process.Output);
        File.WriteAllText(Path.Combine(folder, "haproxy.log"), proxy.Process.Output);
        for (var i = 0; i < agents.Count; i++) File.WriteAllText(Path.Combine(folder, $"agent-{Hosts[i]}.log"), agents[i].Output);
    }

    private static string Tail(string text) => text.Length <= 12_000 ? text : "...\n" + text[^12_000..];

    public void Dispose() => _postgres.DropDatabase(_database);

    /// <summary>
    /// Samples the read API and the page every 200 ms while the nodes restart: an edge seen with data that shows no data
    /// later is a violation, named with the time and the phase of the restart.
    /// </summary>
    private sealed class Watch(HttpClient api, IPage page, Stopwatch clock)
    {
        private const string PageScript = """
            () => ({
              edges: [...document.querySelectorAll('g.edge[data-flow]')].map(e => ({
                flow: e.getAttribute('data-flow'),
                state: e.getAttribute('data-state'),
                label: e.getAttribute('aria-label') ?? ''
              })),
              reconnect: (() => {
                // Blazor's own dialog draws in a shadow root; an app's dialog of its own carries the classes itself.
                const host = document.getElementById('components-reconnect-modal');
                if (!host) return '';
                const overlay = host.shadowRoot?.querySelector('.components-reconnect-overlay');
                return host.className + (overlay?.classList.contains('components-reconnect-visible') ? ' components-reconnect-visible' : '');
              })()
            })
            """;

        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _gate = new();
        private readonly List<string> _violations = [];
        private readonly HashSet<string> _apiHadData = [];
        private readonly HashSet<string> _pageHadData = [];
        private TimeSpan? _reconnectSince;
        private string _phase = "steady";
        private int _loads;

        /// <summary>What the restart is doing now, named in each violation.</summary>
        public string Phase
        {
            get => Volatile.Read(ref _phase);
            set => Volatile.Write(ref _phase, value);
        }

        public IReadOnlyList<string> Violations
        {
            get { lock (_gate) return _violations.ToList(); }
        }

        public List<string> ApiFailures { get; } = [];
        public int ApiSamples { get; private set; }
        public int PageSamples { get; private set; }
        public int PageGaps { get; private set; }
        public int TestReloads { get; private set; }

        /// <summary>Loads of the page after the first (Blazor reloads a page whose circuit another node does not know).</summary>
        public int PageLoads => Volatile.Read(ref _loads);

        /// <summary>The API and the page each on their own loop: a page that takes seconds to load must not pause the API's samples.</summary>
        public Task RunAsync()
        {
            page.Load += (_, _) => Interlocked.Increment(ref _loads);
            return Task.WhenAll(EveryTickAsync(SampleApiAsync), EveryTickAsync(SamplePageAsync));
        }

        public Task StopAsync() => _stop.CancelAsync();

        private async Task EveryTickAsync(Func<Task> sample)
        {
            while (!_stop.IsCancellationRequested)
            {
                await sample();
                try
                {
                    await Task.Delay(200, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private string At => $"{clock.Elapsed.TotalSeconds:N1} s ({Phase})";

        private async Task SampleApiAsync()
        {
            Dictionary<string, string> edges;
            try
            {
                edges = await EdgesAsync(api);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                ApiFailures.Add($"{At}: {ex.Message}");
                return;
            }

            ApiSamples++;
            foreach (var (flow, colour) in edges) Judge("API", _apiHadData, flow, colour, colour);
        }

        private async Task SamplePageAsync()
        {
            JsonElement sample;
            try
            {
                sample = await page.EvaluateAsync<JsonElement>(PageScript);
            }
            catch (PlaywrightException)
            {
                PageGaps++; // the page is loading (its old document is gone)
                return;
            }

            var edges = sample.GetProperty("edges").EnumerateArray().ToList();
            if (edges.Count == 0)
            {
                PageGaps++;
                return;
            }

            PageSamples++;
            foreach (var e in edges)
                Judge("page", _pageHadData, e.GetProperty("flow").GetString()!, e.GetProperty("state").GetString()!, e.GetProperty("label").GetString()!);

            // The reconnect behaviour (what a page does when its circuit is gone) is being built in another branch. Until it
            // lands, a page whose reconnect dialog stays up for 10 s is reloaded here, as a person would press F5; what it
            // shows meanwhile is still judged above.
            var reconnect = sample.GetProperty("reconnect").GetString()!;
            var lost = reconnect.Contains("components-reconnect-visible", StringComparison.Ordinal)
                || reconnect.Contains("components-reconnect-show", StringComparison.Ordinal)
                || reconnect.Contains("components-reconnect-failed", StringComparison.Ordinal)
                || reconnect.Contains("components-reconnect-rejected", StringComparison.Ordinal);
            _reconnectSince = lost ? _reconnectSince ?? clock.Elapsed : null;
            if (_reconnectSince is { } since && clock.Elapsed - since > TimeSpan.FromSeconds(10))
            {
                TestReloads++;
                _reconnectSince = null;
                try
                {
                    await page.ReloadAsync(new PageReloadOptions { Timeout = 20_000 });
                }
                catch (PlaywrightException ex)
                {
                    Add($"{At} page: reload failed: {ex.Message}");
                }
            }
        }

        private void Add(string violation)
        {
            lock (_gate) _violations.Add(violation);
        }

        /// <summary>Grey is "No data"; an edge that was any other colour must never turn grey.</summary>
        private void Judge(string where, HashSet<string> hadData, string flow, string colour, string shown)
        {
            // Each set is only touched by its own loop.
            var noData = colour == "Grey" || shown.Contains("No data", StringComparison.Ordinal);
            if (!noData && colour is not ("Absent" or "Off"))
            {
                hadData.Add(flow);
            }
            else if (noData && hadData.Contains(flow))
            {
                Add($"{At} {where}: {flow} shows no data ({colour}, '{shown}')");
            }
        }
    }
}
