using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>Dark mode in Debian's chromium (issue 18, point 10): the system's by default, the reader's choice remembered.</summary>
public sealed class ThemeBrowserTests
{
    [Fact]
    public async Task Pages_SystemDarkThenLightChosen_DarkPageThenLightRememberedAfterReload()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        await using var browser = await BrowserSession.LaunchAsync();
        var page = await central.NewSignedInPageAsync(browser.Chromium, new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = ColorScheme.Dark,
        });

        // A dark system: the dashboard in the dark palette, the diagram in its dark colours.
        await page.GotoAsync($"{central.Url}/");
        await Assertions.Expect(page.Locator(".mud-layout[data-theme='dark']")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await BrowserSession.WaitForCircuitAsync(page);
        Assert.True(await BackgroundLightnessAsync(page) < 0.25, "the page's background is not dark");
        await Assertions.Expect(page.Locator("svg.connections-diagram.dark")).ToBeVisibleAsync();
        await BrowserSession.SaveScreenshotAsync(page, "theme-dark-dashboard.png");
        AssertNoSeriousViolations(await page.RunAxe(), "dark dashboard"); // contrast of the diagram's words and states on dark

        // The server draws it dark from the first paint once the browser said so (no flash of the light page).
        var again = await page.GotoAsync($"{central.Url}/trends");
        Assert.Contains("data-theme=\"dark\"", await again!.TextAsync(), StringComparison.Ordinal);
        await BrowserSession.WaitForCircuitAsync(page);
        Assert.True(await BackgroundLightnessAsync(page) < 0.25, "the trend page's background is not dark");
        AssertNoSeriousViolations(await page.RunAxe(), "dark trend page");

        // Light chosen from the app bar: light at once, and still light after a reload though the system stays dark.
        await page.Locator(".theme-menu button").ClickAsync();
        await page.Locator(".mud-popover-open .theme-choice-light").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-layout[data-theme='light']")).ToBeAttachedAsync();
        Assert.True(await BackgroundLightnessAsync(page) > 0.9, "the page did not turn light");
        var reloaded = await page.ReloadAsync();
        Assert.Contains("data-theme=\"light\"", await reloaded!.TextAsync(), StringComparison.Ordinal);
        await BrowserSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator(".mud-layout[data-theme='light']")).ToBeAttachedAsync();
        Assert.True(await BackgroundLightnessAsync(page) > 0.9, "the page is not light after a reload");
        await BrowserSession.SaveScreenshotAsync(page, "theme-light-chosen-trends.png");
    }

    [Fact]
    public async Task AppBar_PhoneWidth_ThemeAndZoneMenusFitBesideTheUser()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.NewPageAsync(central, 390, 844);

        await BrowserSession.GotoInteractiveAsync(page, $"{central.Url}/trends");

        var theme = (await page.Locator(".theme-menu button").BoundingBoxAsync())!;
        var zone = (await page.Locator(".time-zone-menu button").BoundingBoxAsync())!;
        var signOut = (await page.Locator(".sign-out").BoundingBoxAsync())!;
        Assert.True(theme.X + theme.Width <= zone.X + 0.5, $"the theme menu ({theme.X}+{theme.Width}) runs into the zone menu ({zone.X})");
        Assert.True(signOut.X + signOut.Width <= 390, $"sign-out ends at {signOut.X + signOut.Width} px on a 390 px screen");
        var barWidth = await page.EvaluateAsync<double>("() => document.querySelector('.mud-appbar .mud-toolbar').scrollWidth");
        Assert.True(barWidth <= 390, $"the app bar is {barWidth} px wide on a 390 px screen");
        // The trend page below it too: the range buttons wrap rather than run off the screen.
        var pageWidth = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"the trend page is {pageWidth} px wide on a 390 px screen");
        await Assertions.Expect(page.Locator(".range-custom")).ToBeInViewportAsync();
        await BrowserSession.SaveScreenshotAsync(page, "theme-appbar-390.png", fullPage: false);
    }

    private static void AssertNoSeriousViolations(Deque.AxeCore.Commons.AxeResult result, string what)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes: {string.Join(", ", v.Nodes.Take(4).Select(n => string.Join(" ", n.Target)))})").ToList();
        Assert.True(serious.Count == 0, $"{what}:\n{string.Join("\n", serious)}");
    }

    /// <summary>The lightness (0 black to 1 white) of the body's background colour.</summary>
    private static async Task<double> BackgroundLightnessAsync(IPage page)
    {
        var rgb = await page.EvaluateAsync<double[]>("""
            () => getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).slice(0, 3).map(Number)
            """);
        return (rgb.Max() + rgb.Min()) / 2 / 255;
    }
}
