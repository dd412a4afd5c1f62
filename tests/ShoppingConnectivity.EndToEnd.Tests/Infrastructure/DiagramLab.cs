using Microsoft.Playwright;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport.Estates;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One central with the whole-estate diagram and 40 clients reporting through the agent API, and one Debian
/// chromium, shared by the browser tests of a class. The story the results tell:
/// dc01 does not answer 38 of the 40 clients (a target to blame), pc00039 reaches nothing but dc01 (a source to
/// blame), and web01 is refused by sql01 (only the edge to blame); everything else answers. The Website's IIS port
/// is moved estate-wide (websiteHttp <see cref="WebsitePort"/>), as installations do.
/// </summary>
public sealed class DiagramLab : IAsyncLifetime
{
    public const int Clients = 40;
    public const string BrokenSource = "pc00039";
    public const int WebsitePort = 18081;

    public Central Central { get; private set; } = default!;
    public AgentFleet Fleet { get; private set; } = default!;
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public static ProbeOutcome OutcomeOf(string host, PlannedProbe probe)
    {
        var toDc01 = probe.TargetHost == "dc01";
        if (host == BrokenSource) return toDc01 ? ProbeOutcome.Reachable : ProbeOutcome.TimedOut;
        if (host.StartsWith("pc", StringComparison.Ordinal) && toDc01 && int.Parse(host[2..], System.Globalization.CultureInfo.InvariantCulture) < 38)
            return ProbeOutcome.TimedOut;
        if (probe.FlowId == "website-shoppingdb-sql") return ProbeOutcome.Refused;
        return ProbeOutcome.Reachable;
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath), $"{DashboardBrowserTests.ChromiumPath} is missing: install Debian's chromium (tests/run-all.sh does).");
        // Long probe intervals: the posted results stay fresh for the whole class.
        Central = await Central.StartAsync(FullEstate.Json("Diagram lab", FullEstate.ClientNames(Clients),
            ports: new Dictionary<string, int> { ["websiteHttp"] = WebsitePort }), probeIntervalSeconds: 600, probeTimeoutMs: 3000);
        Fleet = new AgentFleet(Central);
        await Fleet.EnrolAsync(new[] { "web01", "rcv01", "con01" }.Concat(FullEstate.ClientNames(Clients)));
        await Fleet.ReportAllAsync(OutcomeOf);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(DashboardBrowserTests.LaunchOptions);
    }

    /// <summary>A page of the given size on the dashboard, once its circuit is live.</summary>
    /// <param name="phone">A phone's browser: the page's viewport meta counts, and touch.</param>
    public async Task<IPage> OpenAsync(string path = "/", int width = 1920, int height = 1080, bool phone = false)
    {
        var page = await Central.NewSignedInPageAsync(Browser, new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
        });
        await page.GotoAsync(Central.Url + path);
        // The prerendered page answers clicks only once its circuit is up: the page says so.
        await page.Locator("[data-interactive='true']").WaitForAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        Central?.Dispose();
    }
}
