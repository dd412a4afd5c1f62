using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>Debian's chromium driven by Playwright against a real central, with a real agent reporting.</summary>
public sealed class DashboardBrowserTests
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"],
    };

    [Fact]
    public async Task Dashboard_WhenAgentReports_EdgeTurnsFromGreyToGreenLive()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (tests/run-all.sh does).");
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(LaunchOptions);
        var page = await central.NewSignedInPageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });

        await page.GotoAsync(central.Url);
        var edge = page.Locator($"g.edge[data-flow='{LoopbackEstate.OpenFlow}']");
        await Assertions.Expect(edge).ToHaveAttributeAsync("data-state", "Grey");
        // Wait for the interactive circuit, so the change below can only arrive as a live update.
        await BrowserSession.WaitForCircuitAsync(page);
        await page.WaitForTimeoutAsync(1000);
        await SaveScreenshotAsync(page, "dashboard-before-agent.png");

        using var agent = central.StartAgent("web01");

        await Assertions.Expect(edge).ToHaveAttributeAsync("data-state", "Green", new() { Timeout = 60_000 });
        await Assertions.Expect(edge.Locator(".edge-state")).ToHaveTextAsync("Reachable");
        await Assertions.Expect(page.Locator($"g.edge[data-flow='{LoopbackEstate.ClosedFlow}']"))
            .ToHaveAttributeAsync("data-state", "Red", new() { Timeout = 30_000 });
        Assert.Equal(central.Url + "/", page.Url); // no reload or navigation happened
        await SaveScreenshotAsync(page, "dashboard-after-agent.png");
    }

    internal static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Repository.Root(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }
}
