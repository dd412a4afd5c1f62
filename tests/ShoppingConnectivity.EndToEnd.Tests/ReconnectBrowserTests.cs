using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// Central stopped (SIGTERM) and started again under open dashboard and wall pages, with a real agent reporting:
/// each page says central is away, keeps its last picture dimmed, and comes back by itself.
/// </summary>
public sealed partial class ReconnectBrowserTests
{
    private const string Banner = "#components-reconnect-modal";
    private const string Words = "#components-reconnect-modal .central-away-text";
    private const string Back = "Central is back - reloading";

    /// <summary>One screen watching central: a page, the URL it shows and the loads it has seen.</summary>
    private sealed record Screen(string Name, string Path, int Width, int Height)
    {
        public IPage Page { get; set; } = default!;
        public string Url { get; set; } = "";
        public TaskCompletionSource Reloaded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [GeneratedRegex(@"^Central is not answering since (\d{2}):(\d{2}):(\d{2}) - reconnecting \(attempt (\d+)\)$")]
    private static partial Regex Away();

    [Fact]
    public async Task Pages_WhenCentralStopsAndStartsAgain_SayItIsAwayDimTheLastPictureAndReloadThemselves()
    {
        using var estate = new LoopbackEstate();
        // Results stay fresh for 90 s (3 x 30 s): the central started again shows the stored colours at once, while
        // the agent is still waiting out its own back-off.
        using var central = await Central.StartAsync(estate.Json, probeIntervalSeconds: 30);
        using var agent = central.StartAgent("web01");
        await central.WaitForEdgesAsync(e => Colour(e, LoopbackEstate.OpenFlow) == "Green" && Colour(e, LoopbackEstate.ClosedFlow) == "Red",
            TimeSpan.FromSeconds(60), agent);
        await using var browser = await BrowserSession.LaunchAsync();
        Screen[] screens =
        [
            new("dashboard-1920x1080", $"/?edge={LoopbackEstate.OpenFlow}", 1920, 1080),
            new("wall-1920x1080", "/?kiosk=1", 1920, 1080),
            new("wall-1280x720", "/wall", 1280, 720),
            new("dashboard-390x844", "/", 390, 844),
        ];
        foreach (var screen in screens) await OpenAsync(browser, central, screen);

        await central.StopAsync();

        foreach (var screen in screens) await AssertAwayAsync(screen, central);

        await central.StartAgainAsync();

        foreach (var screen in screens) await AssertBackAsync(screen, central);
    }

    private static async Task OpenAsync(BrowserSession browser, Central central, Screen screen)
    {
        var page = screen.Page = await browser.NewPageAsync(central, screen.Width, screen.Height);
        await page.GotoAsync(central.Url + screen.Path);
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(Edge(page)).ToHaveAttributeAsync("data-state", "Green");
        await Assertions.Expect(page.Locator(Banner)).ToBeHiddenAsync();
        screen.Url = page.Url;
        // A mark on this document (gone with a reload), and every word the banner says, kept in sessionStorage
        // (which a reload keeps): the words said just before the reload can be read after it.
        await page.EvaluateAsync("""
            () => {
              window.reconnectTestMark = true;
              const words = document.querySelector('#components-reconnect-modal .central-away-text');
              new MutationObserver(() => {
                const said = JSON.parse(sessionStorage.getItem('reconnect-test-words') || '[]');
                said.push(words.textContent);
                sessionStorage.setItem('reconnect-test-words', JSON.stringify(said));
              }).observe(words, { childList: true, characterData: true, subtree: true });
              window.reconnectTestOpenedAt = Date.now();
            }
            """);
        page.Load += (_, _) => screen.Reloaded.TrySetResult();
    }

    private static async Task AssertAwayAsync(Screen screen, Central central)
    {
        var page = screen.Page;
        var words = page.Locator(Words);
        await Assertions.Expect(words).ToHaveTextAsync(Away(), new() { Timeout = 30_000 });
        var first = Away().Match(await words.TextContentAsync() ?? "");
        var attempt = int.Parse(first.Groups[4].Value, CultureInfo.InvariantCulture);
        // The attempts go on: the number grows at each one.
        await page.WaitForFunctionAsync("""
            n => { const m = /\(attempt (\d+)\)$/.exec(document.querySelector('#components-reconnect-modal .central-away-text').textContent);
                   return m !== null && Number(m[1]) > n; }
            """, attempt, new() { Timeout = 30_000 });
        var second = Away().Match(await words.TextContentAsync() ?? "");
        Assert.True(second.Success, $"{screen.Name}: the banner says '{second.Value}'");
        Assert.Equal(first.Groups[1].Value + first.Groups[2].Value + first.Groups[3].Value,
            second.Groups[1].Value + second.Groups[2].Value + second.Groups[3].Value); // the time lost stays

        // The time is the browser's local time of day at which the connection went: after the page opened, before now.
        var lost = SecondOfDay(first);
        var span = await page.EvaluateAsync<int[]>("""
            () => [new Date(window.reconnectTestOpenedAt), new Date()].map(d => d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds())
            """);
        Assert.True(Mod(lost - span[0]) <= Mod(span[1] - span[0]),
            $"{screen.Name}: lost at {first.Groups[1]}:{first.Groups[2]}:{first.Groups[3]}, not between the page's opening and now ({span[0]} s .. {span[1]} s of the day)");

        // The last picture is still there, under the banner's veil, and out of reach.
        await Assertions.Expect(Edge(page)).ToHaveAttributeAsync("data-state", "Green");
        Assert.True(await page.EvaluateAsync<bool>("""
            () => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('#components-reconnect-modal') !== null
                  && document.querySelector('svg.connections-diagram').closest('[inert]') !== null
            """), $"{screen.Name}: the page under the banner still takes clicks or keys");
        var veil = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#components-reconnect-modal')).backgroundColor");
        Assert.Matches(@"^rgba\(0, 0, 0, 0?\.\d+\)$", veil); // dims, does not hide

        // Readable whole on every screen: inside the viewport, nothing cut off.
        var bar = (await page.Locator(".central-away-bar").BoundingBoxAsync())!;
        Assert.True(bar.X >= 0 && bar.X + bar.Width <= screen.Width + 0.5 && bar.Y >= 0 && bar.Height < screen.Height / 3.0,
            $"{screen.Name}: the banner is at {bar.X},{bar.Y} {bar.Width}x{bar.Height}");
        Assert.True(await page.EvaluateAsync<bool>("""
            () => { const w = document.querySelector('#components-reconnect-modal .central-away-text');
                    return w.scrollWidth <= w.clientWidth && w.scrollHeight <= w.clientHeight; }
            """), $"{screen.Name}: the banner's words overflow their box");
        var axe = await page.Locator(Banner).RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Impact} {v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, $"{screen.Name}:\n{string.Join("\n", serious)}");

        await BrowserSession.SaveScreenshotAsync(page, $"reconnect-{screen.Name}-away.png", fullPage: false);
        Assert.False(screen.Reloaded.Task.IsCompleted, $"{screen.Name} reloaded while central was away:\n{central.PreviousOutput}");
    }

    private static async Task AssertBackAsync(Screen screen, Central central)
    {
        var page = screen.Page;
        // Nobody touches the page: it reloads by itself once central answers.
        try
        {
            await screen.Reloaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{screen.Name} did not reload; the banner says '{await page.Locator(Words).TextContentAsync()}'.\nCentral:\n{central.Process.Output}");
        }

        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
        Assert.False(await page.EvaluateAsync<bool>("() => window.reconnectTestMark === true"), $"{screen.Name}: the same document, not a reload");
        Assert.Equal(screen.Url, page.Url);
        await Assertions.Expect(page.Locator(Banner)).ToBeHiddenAsync();
        await Assertions.Expect(Edge(page)).ToHaveAttributeAsync("data-state", "Green");
        await Assertions.Expect(page.Locator($"g.edge[data-flow='{LoopbackEstate.ClosedFlow}']")).ToHaveAttributeAsync("data-state", "Red");
        if (screen.Path.Contains("edge=", StringComparison.Ordinal)) await Assertions.Expect(page.Locator(".drilldown")).ToBeVisibleAsync();

        var said = JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>("() => sessionStorage.getItem('reconnect-test-words')"))!;
        Assert.Equal(Back, said[^1]);
        var attempts = said.Select(w => Away().Match(w)).Where(m => m.Success).Select(m => int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(attempts.Count >= 2 && attempts.SequenceEqual(attempts.Order()) && attempts[^1] > attempts[0],
            $"{screen.Name}: the banner said {string.Join(" | ", said)}");
        await BrowserSession.SaveScreenshotAsync(page, $"reconnect-{screen.Name}-back.png", fullPage: false);
    }

    private static ILocator Edge(IPage page) => page.Locator($"g.edge[data-flow='{LoopbackEstate.OpenFlow}']");

    private static string? Colour(Dictionary<string, JsonElement> edges, string flowId) =>
        edges.TryGetValue(flowId, out var edge) ? edge.GetProperty("colour").GetString() : null;

    private static int SecondOfDay(Match away) =>
        int.Parse(away.Groups[1].Value, CultureInfo.InvariantCulture) * 3600
        + int.Parse(away.Groups[2].Value, CultureInfo.InvariantCulture) * 60
        + int.Parse(away.Groups[3].Value, CultureInfo.InvariantCulture);

    /// <summary>Seconds forward on a 24-hour clock (an outage may run past midnight).</summary>
    private static int Mod(int seconds) => ((seconds % 86400) + 86400) % 86400;
}
