using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// The estate edited in a real browser against a real central; the diagram follows. The tests share one central and
/// one browser (starting them is most of the time); only the first test changes the estate, and the accessibility
/// check holds for the estate before and after that change.
/// </summary>
public sealed class EstateBrowserTests(EstateBrowserTests.Fixture shared, ITestOutputHelper output) : IClassFixture<EstateBrowserTests.Fixture>
{
    private const string AppClarityFlow = "central-appclarity";

    /// <summary>The WCAG 2.1 A and AA rules (axe's best-practice rules are advice, and slow on 2 cores).</summary>
    private static readonly AxeRunOptions WcagRules = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task EstatePages_SwitchOnAndHostAdded_DiagramAtRootChangesLive()
    {
        var (central, browser) = (shared.Central, shared.Browser);
        var diagram = await browser.NewPageAsync(central);
        await BrowserSession.GotoInteractiveAsync(diagram, central.Url);
        var edge = diagram.Locator($"g.edge[data-flow='{AppClarityFlow}']");
        await Assertions.Expect(edge).ToHaveAttributeAsync("data-state", "Off");
        await BrowserSession.SaveScreenshotAsync(diagram, "estate-diagram-before.png");

        // Flip the switch on the settings page.
        var admin = await browser.NewPageAsync(central);
        await BrowserSession.GotoInteractiveAsync(admin, central.Url + "/estate/settings");
        await Assertions.Expect(admin.Locator("[data-switch='appClarity']")).ToContainTextAsync("Shopping integrates with AppClarity");
        await admin.Locator(".switch-appClarity input").CheckAsync();
        await admin.Locator("button.save-settings").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Switches and ports saved (estate version 2)");

        // The open diagram follows without a reload: the flow is on, but the estate has no AppClarity server yet.
        await Assertions.Expect(edge).ToHaveAttributeAsync("data-state", "Absent", new() { Timeout = 15_000 });
        // The window is a laptop's (the small diagram): the chip's word and cause are in its name and tooltip.
        await Assertions.Expect(edge).ToHaveAttributeAsync("aria-label", new Regex(@"\bNot in estate no AppClarity host:"));
        await Assertions.Expect(edge.Locator("title")).ToContainTextAsync("Not in estate");

        // Add the AppClarity server with the host form.
        await BrowserSession.GotoInteractiveAsync(admin, central.Url + "/estate/hosts/new");
        await admin.Locator(".field-name input").FillAsync("appc01");
        await admin.Locator(".field-address input").FillAsync("127.0.0.1");
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "Roles" }).ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "AppClarity" }).ClickAsync();
        await admin.Keyboard.PressAsync("Escape");
        await Assertions.Expect(admin.Locator("tr.plan-probe")).ToHaveCountAsync(0); // AppClarity runs no agent: no probes of its own
        await BrowserSession.SaveScreenshotAsync(admin, "estate-host-form.png");
        await admin.Locator("button.save-host").ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(central.Url + "/estate"); // client-side navigation: no load event
        await Assertions.Expect(admin.Locator(".host-name[data-host='appc01']")).ToBeVisibleAsync();
        // With the server in the estate, the edge waits for its first result.
        await Assertions.Expect(edge).ToHaveAttributeAsync("data-state", "Grey", new() { Timeout = 15_000 });
        await Assertions.Expect(edge).ToHaveAttributeAsync("aria-label", new Regex(@"\bNo data\b"));
        await BrowserSession.SaveScreenshotAsync(admin, "estate-hosts-after-add.png");

        // web01's plan now probes it, and the estate file mirrors the store.
        await BrowserSession.GotoInteractiveAsync(admin, central.Url + "/estate/plans/web01");
        await Assertions.Expect(admin.Locator($"tr.plan-probe[data-probe='{AppClarityFlow}/appc01/8335']")).ToBeVisibleAsync();
        var file = await File.ReadAllTextAsync(central.EstatePath);
        Assert.Contains("\"appClarity\": true", file, StringComparison.Ordinal);
        Assert.Contains("appc01", file, StringComparison.Ordinal);
        Assert.Equal(central.Url + "/", diagram.Url);
        await BrowserSession.SaveScreenshotAsync(diagram, "estate-diagram-after.png");
    }

    [Fact]
    public async Task EstatePages_Axe_NoSeriousOrCriticalViolations()
    {
        var page = await shared.Browser.NewPageAsync(shared.Central);
        var central = shared.Central;
        var found = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        foreach (var path in new[] { "/estate", "/estate/hosts/new", "/estate/settings", "/estate/plans/web01", "/estate/transfer", "/enrolment-keys" })
        {
            await BrowserSession.GotoInteractiveAsync(page, central.Url + path);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: {path} loaded");
            var result = await page.RunAxe(WcagRules);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: {path} checked");
            found.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly LoopbackEstate _estate = new();

        public Central Central { get; private set; } = default!;

        public BrowserSession Browser { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Central = await Central.StartAsync(_estate.Json);
            Browser = await BrowserSession.LaunchAsync();
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            Central.Dispose();
            _estate.Dispose();
        }
    }
}
