using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// Two real agents claim one host: the second (another machine calling itself "WEB01" with the shared enrolment key)
/// waits for an Admin while the first keeps reporting; the second keeps its results until an Admin approves it on the
/// Agents page in a real browser, and then the first cannot take the host back by itself either.
/// </summary>
public sealed partial class TakeoverEndToEndTests
{
    [Fact]
    public async Task SecondAgentForAHost_WaitsForAnAdminKeepingItsResults_AndTheFirstKeepsTheHostUntilThen()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json, probeIntervalSeconds: 2, probeTimeoutMs: 1000);
        using var first = central.StartAgent("web01");
        await central.WaitForEdgesAsync(e => e[LoopbackEstate.OpenFlow].GetProperty("colour").GetString() == "Green", TimeSpan.FromSeconds(60), first);

        var secondData = Path.Combine(central.Directory, "agent-impostor");
        using var second = central.StartAgent("WEB01", new Dictionary<string, string> { ["Agent__DataDirectory"] = secondData });

        // The second is told it waits, keeps its token, and does not enrol again and again; the first keeps reporting.
        second.WaitUntil(() => second.Output.Contains("waits for an Admin", StringComparison.Ordinal), "the second agent hears it waits", TimeSpan.FromSeconds(30));
        var lastSeen = await LastSeenAsync(central);
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Single(WaitingEnrolments().Matches(central.Process.Output));
        Assert.True(await LastSeenAsync(central) > lastSeen, "the first agent stopped reporting:\n" + first.Output);

        // An Admin approves the second on the Agents page.
        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.NewPageAsync(central, 1600, 1000);
        await ApproveAsync(page, central, "another agent is enrolled for this host", "agents-waiting-1600x1000.png");

        // The first now gets 401, enrols again and waits in its turn; it keeps probing, and its results wait in its outbox.
        first.WaitUntil(() => first.Output.Contains("waits for an Admin", StringComparison.Ordinal), "the first agent hears it waits now", TimeSpan.FromSeconds(30));
        second.Kill();
        var firstData = central.AgentDataDirectory("web01");
        await Eventually.AssertAsync(() => Task.FromResult(AgentOutbox.Read(firstData).Count >= 4), TimeSpan.FromSeconds(30),
            () => "the waiting agent's outbox did not keep its results:\n" + first.Output);

        // Approved again, it sends what it kept: nothing was lost while it waited.
        await ApproveAsync(page, central, "another agent is enrolled for this host");
        await Eventually.AssertAsync(() => Task.FromResult(AgentOutbox.Read(firstData).Count == 0), TimeSpan.FromSeconds(30),
            () => "the approved agent's outbox did not drain:\n" + first.Output);
    }

    [GeneratedRegex("Enrolment of WEB01 from .* waits for an Admin")]
    private static partial Regex WaitingEnrolments();

    private static async Task ApproveAsync(IPage page, Central central, string reason, string? screenshot = null)
    {
        await BrowserSession.GotoInteractiveAsync(page, central.Url + "/agents");
        var row = page.Locator("tr.agent-pending[data-agent='web01']");
        await Assertions.Expect(row).ToContainTextAsync(reason);
        if (screenshot is not null) await BrowserSession.SaveScreenshotAsync(page, screenshot);
        await row.Locator("button.agent-approve").ClickAsync();
        await page.Locator("button.agent-approve-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".agents-message")).ToContainTextAsync("approved");
        await Assertions.Expect(page.Locator("tr.agent-pending")).ToHaveCountAsync(0);
    }

    private static async Task<DateTimeOffset> LastSeenAsync(Central central)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await central.Http.GetStringAsync("/api/v1/agents"));
        return doc.RootElement.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "web01").GetProperty("lastSeenAt").GetDateTimeOffset();
    }
}
