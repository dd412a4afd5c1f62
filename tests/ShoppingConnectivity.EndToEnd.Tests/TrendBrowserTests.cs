using System.Net.Http.Headers;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>The trend of an edge in Debian's chromium, over history a real central stored and rolled up.</summary>
public sealed class TrendBrowserTests
{
    private const string Flow = LoopbackEstate.ClosedFlow;

    [Fact]
    public async Task TrendPage_EdgeWithSeededHistory_ShowsUptimeChartsAndTheOutage()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        await SeedAsync(central, estate);

        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.NewPageAsync(central, 1920, 1080);

        // Roll-ups run every second once results are a few seconds old: reload until the seeded hours show.
        var uptime = page.Locator(".trend-uptime .figure-value");
        await Eventually.HoldsAsync(async () =>
        {
            await page.GotoAsync($"{central.Url}/trends/{Flow}?range=24h");
            return (await uptime.TextContentAsync())?.Contains("87.5", StringComparison.Ordinal) == true;
        }, TimeSpan.FromSeconds(60));

        await Assertions.Expect(uptime).ToContainTextAsync("87.5 %");
        await Assertions.Expect(page.Locator(".trend-outages .figure-value")).ToContainTextAsync("1, longest 15 min");
        var outage = page.Locator(".trend-outage-table tbody tr").First;
        await Assertions.Expect(outage).ToContainTextAsync("Broken");
        await Assertions.Expect(outage).ToContainTextAsync("TimedOut");
        await Assertions.Expect(outage).ToContainTextAsync("web01 \u2192 sql01");
        await Assertions.Expect(page.Locator(".trend-uptime-chart svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".outage-timeline .outage-bar")).ToHaveCountAsync(1);
        await BrowserSession.SaveScreenshotAsync(page, "trend-edge-with-outage.png");

        // The 7-day range of the same edge, from the range buttons.
        await BrowserSession.WaitForCircuitAsync(page);
        await page.Locator(".range-7d").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("range=7d"));
        await Assertions.Expect(uptime).ToContainTextAsync("87.5 %");
    }

    [Fact]
    public async Task TrendPage_DragAcrossAChart_ZoomsIntoTheDraggedSpanAndResetGoesBack()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        await SeedAsync(central, estate);

        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.NewPageAsync(central, 1280, 900);
        var plot = page.Locator(".trend-uptime-chart .trend-plot");
        await Eventually.HoldsAsync(async () =>
        {
            await page.GotoAsync($"{central.Url}/trends/{Flow}?range=6h");
            return await page.Locator(".trend-uptime-chart path.trend-series-0[d^='M']").CountAsync() > 0;
        }, TimeSpan.FromSeconds(60));
        await BrowserSession.WaitForCircuitAsync(page);

        // The chart fills its card: the plot is the card's width but for the y labels (64 px) and the padding.
        var card = (await page.Locator(".mud-paper:has(.trend-uptime-chart)").BoundingBoxAsync())!;
        var box = (await plot.BoundingBoxAsync())!;
        Assert.InRange(box.Width, card.Width - 64 - 32, card.Width);
        var before = await page.Locator("#trend-range").TextContentAsync();

        // Drag from half way to three quarters across: the last 6 hours' 3 h to 4.5 h, 90 minutes.
        await page.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.6f, box.Y + box.Height / 2, new() { Steps = 5 });
        await Assertions.Expect(page.Locator(".trend-uptime-chart .trend-selection")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.75f, box.Y + box.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("zoomed=6h"));
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        Assert.Equal("custom", query["range"]);
        var span = DateTimeOffset.Parse(query["to"]!, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(query["from"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(span.TotalMinutes, 88, 93); // 90 minutes, to whole minutes and a pixel or two
        await Assertions.Expect(page.Locator("#trend-range")).Not.ToHaveTextAsync(before!);
        await Assertions.Expect(page.Locator(".trend-uptime-chart .trend-selection")).ToBeHiddenAsync();

        // The figures as a table, for a screen reader: the zoomed span's 90 minutes, a row each, with headers.
        await page.Locator(".trend-uptime-chart .trend-table-toggle summary").ClickAsync();
        await Assertions.Expect(page.Locator(".trend-uptime-chart .trend-table")).ToBeVisibleAsync();
        Assert.InRange(await page.Locator(".trend-uptime-chart .trend-table tbody tr").CountAsync(), 88, 94);
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await BrowserSession.SaveScreenshotAsync(page, "trend-zoomed.png");

        var zoomed = page.Url;
        await page.Locator(".trend-reset-zoom").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("range=6h$"));
        await Assertions.Expect(page.Locator(".trend-reset-zoom")).ToHaveCountAsync(0);

        // Each zoom is a step of the browser's history: Back shows the zoomed span again, with its Reset zoom.
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(zoomed);
        await Assertions.Expect(page.Locator(".trend-reset-zoom")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Two hours of one probe a minute from web01, 15 minutes of them timed out (a firewall dropping 1433): the
    /// results through the agent API (central rolls them up), and the edge's colour changes of that outage straight
    /// into the store, as central wrote them when it happened (the live path dates them by the time of arrival).
    /// </summary>
    private static async Task SeedAsync(Central central, LoopbackEstate estate)
    {
        var enrol = await central.Http.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest("web01", Central.EnrolmentKey, "seed"));
        enrol.EnsureSuccessStatusCode();
        var agent = (await enrol.Content.ReadFromJsonAsync<EnrolmentResponse>(ContractsJson.Options))!;
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var probe = $"{Flow}/sql01/{estate.ClosedPort}";
        var results = Enumerable.Range(0, 120).Select(m => new ProbeResultDto(probe, Flow,
            m is >= 30 and < 45 ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable, m is >= 30 and < 45 ? null : 5 + m % 9, "seed", start.AddMinutes(m))).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agent.AgentId}/results")
        {
            Content = JsonContent.Create(new ResultBatch(Guid.NewGuid(), results), options: ContractsJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
        var response = await central.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(central.Directory, "data", "shopping-connectivity.db")}");
        await db.OpenAsync();
        foreach (var (from, to, minute, summary, counts, failing) in new[]
        {
            ("Green", "Red", 30, "0 / 1 reachable: 1 TimedOut", "TimedOut=1", $"web01 \u2192 sql01:{estate.ClosedPort} TimedOut"),
            ("Red", "Green", 45, "1 / 1 reachable", "Reachable=1", ""),
        })
        {
            using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO EdgeTransitions (FlowId, FromColour, ToColour, At, Summary, Links, Counts, FailingLinks) VALUES ($f, $from, $to, $at, $s, 1, $c, $l)";
            insert.Parameters.AddWithValue("$f", Flow);
            insert.Parameters.AddWithValue("$from", from);
            insert.Parameters.AddWithValue("$to", to);
            insert.Parameters.AddWithValue("$at", start.AddMinutes(minute).UtcTicks);
            insert.Parameters.AddWithValue("$s", summary);
            insert.Parameters.AddWithValue("$c", counts);
            insert.Parameters.AddWithValue("$l", failing);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
