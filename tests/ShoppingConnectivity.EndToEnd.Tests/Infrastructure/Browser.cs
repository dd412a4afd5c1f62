using Microsoft.Playwright;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>Debian's chromium, never a downloaded browser, with the flags this closed network needs.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (tests/run-all.sh does).");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Screenshots are test artefacts: TestResults/screenshots at the repository root.</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(ProgramProcess.RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }
}
