using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// "Test now" with a real central, a real agent and Debian's chromium on loopback: probes every 10 minutes, so only the
/// click can bring a fresh result. For the edge (links panel), one link (its row) and the host (host page): the time
/// from the agent's results being stored (seen in central's database) to the page showing them, and from the click.
/// Prints the figures; docs/benchmarks.md ("Test now") records them.
/// </summary>
public sealed class TestNowEndToEndTests(ITestOutputHelper output)
{
    private const string Host = "web01";

    /// <summary>How long the page may take to show results once central stored them (the bound).</summary>
    private static readonly TimeSpan ShownWithin = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task TestNow_EdgeLinkAndHost_PageShowsTheFreshResultsWithin2sOfTheirStore()
    {
        using var estate = new LoopbackEstate();
        // The product's own live refresh (250 ms) and push spacing (5 s): what an operator gets.
        using var central = await Central.StartAsync(estate.Json, probeIntervalSeconds: 600, probeTimeoutMs: 3000, liveUpdateMilliseconds: 250);
        using var agent = central.StartAgent(Host, new Dictionary<string, string> { ["Agent__PushIntervalSeconds"] = "5" });
        await WaitListeningAsync(central, agent);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(DashboardBrowserTests.LaunchOptions);
        var page = await central.NewSignedInPageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });

        await page.GotoAsync($"{central.Url}/?edge={LoopbackEstate.OpenFlow}");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        var edge = await MeasureAsync(central, page, $"edge:{LoopbackEstate.OpenFlow}", agent);

        // The link's row exists now (the edge's test brought its first result): its own button.
        var probeId = edge.Probes.Single();
        var link = await MeasureAsync(central, page, $"link:{Host}|{probeId}", agent);
        await DashboardBrowserTests.SaveScreenshotAsync(page, "test-now-links-panel.png");

        await page.GotoAsync($"{central.Url}/hosts/{Host}");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        var host = await MeasureAsync(central, page, $"host:{Host}", agent);
        await DashboardBrowserTests.SaveScreenshotAsync(page, "test-now-host-page.png");

        foreach (var (what, m) in new[] { ("edge", edge), ("link", link), ("host", host) })
        {
            output.WriteLine($"{what}: {m.Probes.Count} probe(s); click to stored {m.ClickToStored.TotalMilliseconds:N0} ms, "
                + $"stored to shown {m.StoredToShown.TotalMilliseconds:N0} ms, click to shown {m.ClickToShown.TotalMilliseconds:N0} ms");
            Assert.True(m.StoredToShown < ShownWithin, $"{what}: the page showed the results {m.StoredToShown.TotalMilliseconds:N0} ms after central stored them");
        }

        Assert.True(estate.Requests >= 3, $"the HTTP target saw {estate.Requests} requests: the probes did not run");
        Assert.False(agent.HasExited, agent.Output);
    }

    /// <summary>
    /// An agent that does not long-poll (older than Test now; here Agent:ListenForRequests=false) keeps reporting as
    /// before; a Test now asks it (it is online), and its request is reported as not picked up after 10 s.
    /// </summary>
    [Fact]
    public async Task TestNow_AgentThatDoesNotListen_KeepsReportingAndItsRequestIsReportedDropped()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        using var agent = central.StartAgent(Host, new Dictionary<string, string> { ["Agent__ListenForRequests"] = "false" });
        await central.WaitForEdgesAsync(e => e[LoopbackEstate.OpenFlow].GetProperty("colour").GetString() == "Green", TimeSpan.FromSeconds(60), agent);

        using var asked = await central.Http.PostAsJsonAsync("/api/v1/test-now", new { edge = LoopbackEstate.OpenFlow });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, asked.StatusCode);
        using var answer = JsonDocument.Parse(await asked.Content.ReadAsStringAsync());
        var request = answer.RootElement.GetProperty("requestId").GetGuid();
        var storedBefore = StoredResults.Read(central.DatabasePath).Count;

        string state = "";
        await Eventually.AssertAsync(async () =>
        {
            using var status = JsonDocument.Parse(await central.Http.GetStringAsync($"/api/v1/test-now/{request}"));
            state = status.RootElement[0].GetProperty("state").ToString();
            return state is "Expired" or "2";
        }, TimeSpan.FromSeconds(40), () => $"the request is {state}, not reported dropped:\n{central.Process.Output}");

        // Its scheduled probes went on meanwhile, and central says why nothing ran now.
        Assert.True(StoredResults.Read(central.DatabasePath).Count > storedBefore, "the agent stopped reporting");
        // The console logger writes on its own thread: the line may follow the answer that says dropped by a moment.
        await Eventually.AssertAsync(() => Task.FromResult(central.Process.Output.Contains("did not pick up the request", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), () => $"central did not log why nothing ran now:\n{central.Process.Output}");
        Assert.False(agent.HasExited, agent.Output);
    }

    private sealed record Measure(IReadOnlyList<string> Probes, TimeSpan ClickToStored, TimeSpan StoredToShown, TimeSpan ClickToShown);

    /// <summary>
    /// Clicks the button of <paramref name="target"/>, then watches both ends at once: central's database for a new
    /// result of every asked probe (polled every 10 ms), and the page for every row answered.
    /// </summary>
    private async Task<Measure> MeasureAsync(Central central, IPage page, string target, TestProcess agent)
    {
        var before = StoredResults.Read(central.DatabasePath).GroupBy(r => r.ProbeId).ToDictionary(g => g.Key, g => g.Count());
        var clock = Stopwatch.StartNew();
        await page.Locator($".test-now[data-target='{target}'] .test-now-button").ClickAsync();
        var answer = page.Locator($".test-now-answer[data-target='{target}']");
        await answer.Locator(".test-now-row").First.WaitForAsync();
        Assert.Equal("Asked", await answer.GetAttributeAsync("data-verdict"));
        var probes = await answer.Locator(".test-now-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.probe)");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stored = Task.Run(async () =>
        {
            while (true)
            {
                var now = StoredResults.Read(central.DatabasePath).GroupBy(r => r.ProbeId).ToDictionary(g => g.Key, g => g.Count());
                if (probes.All(p => now.GetValueOrDefault(p) > before.GetValueOrDefault(p))) return clock.Elapsed;
                await Task.Delay(10, stop.Token);
            }
        }, stop.Token);
        await answer.Locator(".test-now-row[data-state='waiting']").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 60_000 });
        var shown = clock.Elapsed;
        var storedAt = await stored;
        Assert.Equal(0, await answer.Locator(".test-now-row[data-state='dropped']").CountAsync());
        return new Measure(probes, storedAt, shown - storedAt, shown);
    }

    /// <summary>The agent fetched its plan and its long-poll is open: a test of the host is picked up.</summary>
    private static async Task WaitListeningAsync(Central central, TestProcess agent)
    {
        Guid? request = null;
        await Eventually.AssertAsync(async () =>
        {
            if (request is null)
            {
                // Any probe will do to see the agent listen: the edge of the closed port.
                using var edge = await central.Http.PostAsJsonAsync("/api/v1/test-now", new { edge = LoopbackEstate.ClosedFlow });
                if (edge.StatusCode != System.Net.HttpStatusCode.Accepted) return false;
                using var doc = JsonDocument.Parse(await edge.Content.ReadAsStringAsync());
                request = doc.RootElement.GetProperty("requestId").GetGuid();
            }

            using var status = JsonDocument.Parse(await central.Http.GetStringAsync($"/api/v1/test-now/{request}"));
            var state = status.RootElement[0].GetProperty("state").ToString();
            if (state is "Expired" or "2") request = null; // asked before the long-poll was open: ask again (after the 10 s spacing)
            return state is "PickedUp" or "1";
        }, TimeSpan.FromSeconds(90), () => "the agent never picked up a request:\n" + agent.Output + "\nCentral:\n" + central.Process.Output);
    }
}
