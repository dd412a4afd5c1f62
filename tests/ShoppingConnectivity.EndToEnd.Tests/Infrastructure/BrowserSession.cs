using Microsoft.Playwright;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>One Debian chromium for a class of tests (launch flags of the dashboard test), its pages, and screenshots under TestResults/screenshots.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<BrowserSession> LaunchAsync()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath),
            $"{DashboardBrowserTests.ChromiumPath} is missing: install Debian's chromium (tests/run-all.sh does).");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        return new BrowserSession(playwright, chromium);
    }

    /// <summary>A page (1600x1000 unless said); signed in as <paramref name="signedInTo"/>'s administrator when given.</summary>
    public Task<IPage> NewPageAsync(Central? signedInTo = null, int width = 1600, int height = 1000)
    {
        var options = new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } };
        return signedInTo is null ? Chromium.NewPageAsync(options) : signedInTo.NewSignedInPageAsync(Chromium, options);
    }

    /// <summary>Opens a page and waits for its interactive circuit, so clicks reach the server.</summary>
    public static async Task GotoInteractiveAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Waits until the circuit has rendered the page (the layout says so): a prerendered page takes clicks before
    /// that, and a navigation clicked while the circuit connects can be lost.
    /// </summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        Assertions.Expect(page.Locator(".mud-layout[data-render='interactive']")).ToBeAttachedAsync(new() { Timeout = 30_000 });

    /// <param name="fullPage">False: only what the screen shows (fixed layers such as a veil cover just that part of a full-page shot).</param>
    public static async Task SaveScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(Repository.Root(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = fullPage });
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
