using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>The whole diagram in Debian's chromium: layout at two screen sizes, drill-down, host view, history, wall.</summary>
public sealed class DiagramBrowserTests(DiagramLab lab) : IClassFixture<DiagramLab>
{
    private const string DcFlow = "client-dc-ldap";
    private const string SqlFlow = "website-shoppingdb-sql";

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1366, 768)]
    public async Task Dashboard_AtDesktopAndLaptopSize_NoLabelOverlapsALabelOrANodeAndAllFitsTheScreen(int width, int height)
    {
        var page = await lab.OpenAsync("/", width, height);
        await Assertions.Expect(page.Locator("g.edge")).ToHaveCountAsync(30);

        var labels = await BoxesAsync(page, "g.edge-label");
        var nodes = await BoxesAsync(page, "g.node > rect");
        var svg = (await page.Locator("svg.connections-diagram").BoundingBoxAsync())!;

        Assert.Equal(30, labels.Count);
        Assert.Equal(14, nodes.Count);
        var problems = new List<string>();
        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
                if (Overlap(labels[i].Box, labels[j].Box)) problems.Add($"labels {labels[i].Name} and {labels[j].Name}");
            foreach (var node in nodes.Where(n => Overlap(labels[i].Box, n.Box)))
                problems.Add($"label {labels[i].Name} under node {node.Name}");
        }

        Assert.Empty(problems);
        Assert.True(svg.Y + svg.Height <= height + 1, $"the diagram ends at {svg.Y + svg.Height} px, below the {height} px screen");
        // Readable: the label text is drawn at 9 px or more even on the laptop.
        var fontPx = await page.EvaluateAsync<double>("() => document.querySelector('g.edge-label text').getBoundingClientRect().height");
        Assert.True(fontPx >= 9, $"label text is {fontPx:0.0} px high");
        await DashboardBrowserTests.SaveScreenshotAsync(page, $"diagram-{width}x{height}.png");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_EdgeStates_ShowColourIconWordAndShare()
    {
        var page = await lab.OpenAsync();

        var dc = page.Locator($"g.edge[data-flow='{DcFlow}']");
        await Assertions.Expect(dc).ToHaveAttributeAsync("data-state", "Red");
        await Assertions.Expect(dc.Locator(".edge-state")).ToHaveTextAsync("Broken");
        await Assertions.Expect(dc.Locator(".edge-icon")).ToHaveTextAsync("\u2716");
        await Assertions.Expect(dc.Locator(".edge-share")).ToHaveTextAsync("41/80");
        var website = page.Locator("g.edge[data-flow='client-website-http']");
        await Assertions.Expect(website).ToHaveAttributeAsync("data-state", "Amber");
        await Assertions.Expect(website.Locator(".edge-share")).ToHaveTextAsync("39/40");
        await Assertions.Expect(page.Locator("g.edge[data-flow='central-activeefficiency-http'] .edge-state")).ToHaveTextAsync("Reachable");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_WebsitePortMovedEstateWide_LabelNamesThePortProbed()
    {
        var page = await lab.OpenAsync();

        var website = page.Locator("g.edge[data-flow='client-website-http']");
        await Assertions.Expect(website.Locator(".edge-ports")).ToHaveTextAsync($"{DiagramLab.WebsitePort}");
        await Assertions.Expect(page.Locator("g.edge[data-flow='receiver-website-http'] .edge-ports")).ToHaveTextAsync($"{DiagramLab.WebsitePort}");
        await website.ClickAsync();
        await Assertions.Expect(page.Locator("#drilldown-title")).ToContainTextAsync($"TCP {DiagramLab.WebsitePort}");
        await Assertions.Expect(page.Locator(".drilldown-links .link-target").First).ToContainTextAsync($"web01:{DiagramLab.WebsitePort}");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_Suspects_OutlineTheirNodesNamingTheHost()
    {
        var page = await lab.OpenAsync();

        var dc = page.Locator("g.node[data-role='DomainController']");
        await Assertions.Expect(dc).ToHaveAttributeAsync("data-blame", "Target");
        await Assertions.Expect(dc.Locator(".node-mark")).ToContainTextAsync("dc01: unreachable from 38/42");
        var client = page.Locator("g.node[data-role='Client']");
        await Assertions.Expect(client).ToHaveAttributeAsync("data-blame", "Source");
        await Assertions.Expect(client.Locator(".node-mark")).ToContainTextAsync($"{DiagramLab.BrokenSource}: cannot reach");
        await Assertions.Expect(page.Locator(".suspects")).ToContainTextAsync("dc01: unreachable from 38 of 42 sources");
        await Assertions.Expect(page.Locator($"g.edge[data-flow='{SqlFlow}']")).ToHaveAttributeAsync("data-blame", "Edge");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Edge_Clicked_DrillDownListsItsLinksWithHintAndSuspect()
    {
        var page = await lab.OpenAsync();

        await page.Locator($"g.edge[data-flow='{DcFlow}'] .edge-label").ClickAsync();

        var panel = page.Locator($"aside.drilldown[data-flow='{DcFlow}']");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("#drilldown-title")).ToContainTextAsync("TCP 389");
        await Assertions.Expect(panel.Locator(".drilldown-mark").First).ToContainTextAsync("dc01: unreachable from 38 of 42 sources");
        await Assertions.Expect(panel.Locator(".drilldown-links tbody tr")).ToHaveCountAsync(25); // first page of 80 links
        await DashboardBrowserTests.SaveScreenshotAsync(page, "drilldown.png");

        await panel.Locator(".drilldown-filter input").FillAsync("pc00005");
        var rows = panel.Locator(".drilldown-links tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var dc01 = rows.Filter(new() { HasText = "dc01" });
        await Assertions.Expect(dc01.Locator(".link-outcome")).ToContainTextAsync("TimedOut");
        await Assertions.Expect(dc01.Locator(".link-hint")).ToContainTextAsync("A firewall between pc00005 and dc01 drops TCP 389");
        await Assertions.Expect(rows.Filter(new() { HasText = "dc02" }).Locator(".link-outcome")).ToContainTextAsync("Reachable");

        var axe = await page.RunAxe();
        AssertNoSeriousViolations(axe, "dashboard with the drill-down open");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(panel).ToHaveCountAsync(0);
        await page.CloseAsync();
    }

    /// <summary>
    /// Issue 17: on a phone the app bar's twelve page buttons were drawn over each other, unreadable, with no menu.
    /// Below 900 px the pages sit behind one menu button; nothing in the bar overlaps, and the menu opens each page.
    /// </summary>
    [Theory]
    [InlineData(390, 844)]
    [InlineData(899, 700)]
    public async Task AppBar_BelowNineHundredPixels_PagesBehindAMenuNothingOverlaps(int width, int height)
    {
        var page = await lab.OpenAsync(width: width, height: height);

        await Assertions.Expect(page.Locator("nav.main-nav")).ToBeHiddenAsync();
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        await Assertions.Expect(menu).ToBeVisibleAsync();
        var overlaps = await page.EvaluateAsync<string[]>("""
            () => {
              const parts = [...document.querySelectorAll('.mud-appbar .mud-toolbar > *')]
                .filter(e => !e.classList.contains('mud-flex-grow-1'))
                .map(e => ({ name: e.className.toString() || e.tagName, box: e.getBoundingClientRect() }))
                .filter(p => p.box.width > 0 && p.box.height > 0);
              const out = [];
              for (let i = 0; i < parts.length; i++)
                for (let j = i + 1; j < parts.length; j++) {
                  const a = parts[i].box, b = parts[j].box;
                  if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(parts[i].name + ' / ' + parts[j].name);
                }
              const bar = document.querySelector('.mud-appbar').getBoundingClientRect();
              parts.filter(p => p.box.right > bar.right + 0.5).forEach(p => out.push(p.name + ' beyond the bar'));
              return out;
            }
            """);
        Assert.Empty(overlaps);
        await DashboardBrowserTests.SaveScreenshotAsync(page, $"appbar-{width}x{height}.png");

        await menu.ClickAsync();
        var trends = page.Locator(".mud-popover-open").GetByText("Trends", new() { Exact = true });
        await Assertions.Expect(page.Locator(".mud-popover-open").GetByText("Audit", new() { Exact = true })).ToBeVisibleAsync(); // an Admin's page too
        await trends.ClickAsync();
        await page.WaitForURLAsync("**/trends");
        await page.CloseAsync();
    }

    /// <summary>
    /// Issue 17, point 6: on a 390x844 phone the diagram was a thumbnail below a page of chips. The page leads with the
    /// counts and what is broken; the diagram below is drawn readable in a frame that pans, and zooms by its buttons.
    /// </summary>
    [Fact]
    public async Task Dashboard_OnAPhone_CountsAndProblemsFirstDiagramReadablePansAndZooms()
    {
        var page = await lab.OpenAsync(width: 390, height: 844, phone: true);
        await Assertions.Expect(page.Locator("g.edge")).ToHaveCountAsync(30);
        var frame = page.Locator(".diagram-scroll");

        var diagramTop = (await frame.BoundingBoxAsync())!.Y;
        foreach (var (what, selector) in new[] { ("the counts", ".legend-red"), ("the first problem", ".problem-list .problem") })
        {
            var box = (await page.Locator(selector).First.BoundingBoxAsync())!;
            Assert.True(box.Y + box.Height <= diagramTop, $"{what} end at {box.Y + box.Height} px, below the diagram's top at {diagramTop} px");
        }

        var overlaps = await page.EvaluateAsync<string[]>("""
            () => {
              const parts = [...document.querySelectorAll('#diagram-title, .legend, .suspects, .problem-list, .diagram-frame')]
                .map(e => ({ name: e.className.toString() || e.id, box: e.getBoundingClientRect() }));
              const out = [];
              for (let i = 0; i < parts.length; i++)
                for (let j = i + 1; j < parts.length; j++) {
                  const a = parts[i].box, b = parts[j].box;
                  if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(parts[i].name + ' / ' + parts[j].name);
                }
              return out;
            }
            """);
        Assert.Empty(overlaps);
        var pageWidth = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"the page is {pageWidth} px wide on a 390 px screen");

        // Readable by default: wider than the frame, which scrolls, and the labels' text 12 px high or more.
        var size = await FrameAsync(frame);
        Assert.True(size.ScrollWidth > size.ClientWidth, $"the diagram ({size.ScrollWidth} px) fits the {size.ClientWidth} px frame: a thumbnail");
        var fontPx = await page.EvaluateAsync<double>("() => document.querySelector('g.edge-label text').getBoundingClientRect().height");
        Assert.True(fontPx >= 12, $"label text is {fontPx:0.0} px high");
        await DashboardBrowserTests.SaveScreenshotAsync(page, "diagram-phone-390x844.png");

        await frame.EvaluateAsync("e => { e.scrollLeft = 300; e.scrollTop = 100; }");
        Assert.True((await FrameAsync(frame)).ScrollLeft >= 299, "the frame did not pan");

        var zoom = await frame.GetAttributeAsync("data-zoom");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await Assertions.Expect(frame).Not.ToHaveAttributeAsync("data-zoom", zoom!);
        var zoomed = await FrameAsync(frame);
        Assert.True(zoomed.SvgWidth > size.SvgWidth, $"zooming in drew the diagram {zoomed.SvgWidth} px wide, from {size.SvgWidth} px");

        await page.GetByRole(AriaRole.Button, new() { Name = "Fit to screen" }).ClickAsync();
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-zoom", "fit");
        var fitted = await FrameAsync(frame);
        Assert.True(fitted.SvgWidth <= fitted.ClientWidth + 0.5 && fitted.ScrollWidth <= fitted.ClientWidth,
            $"fitted, the diagram is {fitted.SvgWidth} px wide in a {fitted.ClientWidth} px frame");
        await DashboardBrowserTests.SaveScreenshotAsync(page, "diagram-phone-390x844-fitted.png");
        await page.CloseAsync();
    }

    /// <summary>
    /// Blazor focuses the page's heading after each navigation (so a screen reader announces the page); the browser
    /// drew a focus rectangle round it that stayed there, on the wall too (issue 17, point 6). The focus stays, the
    /// rectangle goes.
    /// </summary>
    [Fact]
    public async Task Wall_HeadingFocusedOnLoad_NoFocusRectangle()
    {
        var page = await lab.OpenAsync("/wall", width: 1920, height: 1080);

        var focused = await page.EvaluateAsync<string[]>("""
            async () => {
              for (let i = 0; i < 50 && document.activeElement?.tagName !== 'H1'; i++) await new Promise(r => setTimeout(r, 100));
              const e = document.activeElement, s = getComputedStyle(e);
              return [e.tagName, s.outlineStyle, s.outlineWidth];
            }
            """);

        Assert.Equal("H1", focused[0]);
        Assert.True(focused[1] == "none" || focused[2] == "0px", $"the focused heading has an outline: {focused[1]} {focused[2]}");
        await page.CloseAsync();
    }

    [Fact]
    public async Task AppBar_AtLaptopSize_PageButtonsAndNoMenu()
    {
        var page = await lab.OpenAsync(width: 1280, height: 720);

        await Assertions.Expect(page.Locator("nav.main-nav").GetByText("Trends", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeHiddenAsync();
        await page.CloseAsync();
    }

    [Fact]
    public async Task Chip_Hovered_ThickensItsLineAndOutlinesBothItsBoxesOnly()
    {
        var page = await lab.OpenAsync();
        const string stroke = "e => [getComputedStyle(e).stroke, getComputedStyle(e).strokeWidth]";

        await page.Locator($"g.edge[data-flow='{SqlFlow}'] .edge-label").HoverAsync();

        // The SQL chip runs from the Website to the Shopping DB: those two boxes light up, the DC's does not.
        foreach (var role in new[] { "Website", "ShoppingDb" })
            Assert.Equal(["rgb(21, 101, 192)", "4px"], await page.Locator($"g.node[data-role='{role}'] > rect").EvaluateAsync<string[]>(stroke));
        Assert.NotEqual("rgb(21, 101, 192)", (await page.Locator("g.node[data-role='DomainController'] > rect").EvaluateAsync<string[]>(stroke))[0]);
        Assert.Equal("6px", (await page.Locator("g.line[data-line='Website-ShoppingDb'] path.edge-line").EvaluateAsync<string[]>(stroke))[1]);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Edge_FocusedAndEnterPressed_OpensItsDrillDown()
    {
        var page = await lab.OpenAsync();

        await page.Locator($"g.edge[data-flow='{SqlFlow}']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var panel = page.Locator($"aside.drilldown[data-flow='{SqlFlow}']");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        var row = panel.Locator(".drilldown-links tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".link-source")).ToHaveTextAsync("web01");
        await Assertions.Expect(row.Locator(".link-target")).ToHaveTextAsync("sql01:1433");
        await Assertions.Expect(row.Locator(".link-outcome")).ToContainTextAsync("Refused");
        await Assertions.Expect(panel.Locator(".drilldown-mark")).ToContainTextAsync("1 of 1 links failing with no common source or target");
        await page.CloseAsync();
    }

    /// <summary>Issue 17, point 5: from a role to its hosts, so an operator sees which DC of two fails.</summary>
    [Fact]
    public async Task Role_Clicked_ListsItsHostsWithTheFailingDcFirstAndOpensItsHostView()
    {
        var page = await lab.OpenAsync();

        await page.Locator("g.node[data-role='DomainController']").ClickAsync();

        var panel = page.Locator("aside.role-hosts[data-role='DomainController']");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(lab.Central.Url + "/?role=DomainController");
        await Assertions.Expect(panel.Locator("#role-hosts-title")).ToHaveTextAsync("Active Directory DC: 2 hosts");
        var hosts = panel.Locator(".role-host");
        await Assertions.Expect(hosts).ToHaveCountAsync(2);
        // dc01 answers 2 of the 40 clients (and web01, con01); dc02 misses only pc00039, which reaches nothing but dc01.
        await Assertions.Expect(hosts.First).ToHaveAttributeAsync("data-host", "dc01");
        var dc01 = panel.Locator(".role-host[data-host='dc01'] .role-host-inbound");
        await Assertions.Expect(dc01).ToHaveAttributeAsync("data-state", "Red");
        await Assertions.Expect(dc01).ToContainTextAsync("\u2716 Broken");
        await Assertions.Expect(dc01).ToContainTextAsync("4 of 42 sources reaching");
        await Assertions.Expect(panel.Locator(".role-host[data-host='dc02'] .role-host-inbound")).ToContainTextAsync("41 of 42 sources reaching");
        await DashboardBrowserTests.SaveScreenshotAsync(page, "role-hosts.png");
        AssertNoSeriousViolations(await page.RunAxe(), "dashboard with a role's hosts open");

        await panel.Locator(".role-host[data-host='dc01'] a.role-host-link").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(lab.Central.Url + "/hosts/dc01");
        await Assertions.Expect(page.Locator("#host-title")).ToHaveTextAsync("Host dc01");
        await page.CloseAsync();
    }

    [Fact]
    public async Task DrillDown_SourceAndTargetLinks_OpenTheHostViews()
    {
        var page = await lab.OpenAsync();
        await page.Locator($"g.edge[data-flow='{DcFlow}'] .edge-label").ClickAsync();
        var panel = page.Locator("aside.drilldown");
        await panel.Locator(".drilldown-filter input").FillAsync("pc00005");
        await Assertions.Expect(panel.Locator(".drilldown-links tbody tr")).ToHaveCountAsync(2);

        await panel.Locator(".link-source a").First.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(lab.Central.Url + "/hosts/pc00005");
        var outbound = page.Locator($".outbound-matrix tr[data-flow='{DcFlow}']");
        await Assertions.Expect(outbound.Locator("td[data-target='dc01']")).ToContainTextAsync("389 TimedOut");
        await Assertions.Expect(outbound.Locator("td[data-target='dc02']")).ToContainTextAsync("389 Reachable");
        await Assertions.Expect(page.Locator(".outbound-matrix tr[data-flow='client-tachyon-http'] td[data-target='pc00005']")).ToContainTextAsync("8000 Reachable");
        await DashboardBrowserTests.SaveScreenshotAsync(page, "host-client.png");

        await page.GotoAsync(lab.Central.Url + "/hosts/dc01");
        await BrowserSession.WaitForCircuitAsync(page);
        var inbound = page.Locator($".inbound-matrix tr[data-flow='{DcFlow}']");
        await Assertions.Expect(inbound.Locator(".inbound-share")).ToHaveTextAsync("2 of 40");
        await Assertions.Expect(inbound.Locator(".inbound-failing")).ToHaveCountAsync(38);
        await Assertions.Expect(page.Locator(".host-mark")).ToContainTextAsync("dc01: unreachable from 38 of 42 sources");
        await Assertions.Expect(page.Locator($".inbound-matrix tr[data-flow='website-dc-ldap'] .inbound-share")).ToHaveTextAsync("1 of 1");
        await DashboardBrowserTests.SaveScreenshotAsync(page, "host-dc01.png");

        AssertNoSeriousViolations(await page.RunAxe(), "host view");
        await page.CloseAsync();
    }

    [Fact]
    public async Task DrillDown_HistoryLink_ListsRecentResultsAndTransitions()
    {
        var page = await lab.OpenAsync();
        await page.Locator($"g.edge[data-flow='{SqlFlow}'] .edge-label").ClickAsync();

        await page.Locator("aside.drilldown .drilldown-history").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(lab.Central.Url + $"/edges/{SqlFlow}/history");
        await Assertions.Expect(page.Locator(".history-results tbody tr").First).ToContainTextAsync("Refused");
        await Assertions.Expect(page.Locator(".history-results tbody tr").First).ToContainTextAsync("sql01:1433");
        await Assertions.Expect(page.Locator(".history-transitions tbody tr").First).ToContainTextAsync("(first result)");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_WhenResultsArrive_EdgeChangesWithoutReload()
    {
        var page = await lab.OpenAsync();
        var edge = page.Locator("g.edge[data-flow='central-appclarity']");
        await Assertions.Expect(edge).ToHaveAttributeAsync("data-state", "Green");
        var probe = lab.Fleet.Agents["web01"].Plan.Probes.Single(p => p.FlowId == "central-appclarity");

        (await lab.Fleet.PostAsync(lab.Fleet.Agents["web01"].Agent, [new ProbeResultDto(probe.ProbeId, probe.FlowId, ProbeOutcome.TimedOut, null, "no answer", DateTimeOffset.UtcNow)])).Dispose();
        await Assertions.Expect(edge).ToHaveAttributeAsync("data-state", "Red", new() { Timeout = 5000 });
        (await lab.Fleet.PostAsync(lab.Fleet.Agents["web01"].Agent, [new ProbeResultDto(probe.ProbeId, probe.FlowId, ProbeOutcome.Reachable, 2, "ok", DateTimeOffset.UtcNow)])).Dispose();
        await Assertions.Expect(edge).ToHaveAttributeAsync("data-state", "Green", new() { Timeout = 5000 });

        Assert.Equal(lab.Central.Url + "/", page.Url);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Wall_KioskQuery_ShowsDarkDiagramWithoutChromeFillingTheScreenAcrossResizes()
    {
        var page = await lab.OpenAsync("/?kiosk=1", 1920, 1080);

        await Assertions.Expect(page).ToHaveURLAsync(lab.Central.Url + "/wall");
        await Assertions.Expect(page.Locator(".mud-appbar")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("nav")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("svg.connections-diagram.dark g.edge")).ToHaveCountAsync(30);
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.wall')).backgroundColor");
        Assert.Equal("rgb(18, 18, 18)", background);
        // Something is wrong in the lab: the problem list stands beside the diagram, which fills the rest of the screen.
        var list = (await page.Locator(".wall-body .problem-list").BoundingBoxAsync())!;
        var svg = (await page.Locator("svg.connections-diagram").BoundingBoxAsync())!;
        Assert.True(list.X >= svg.X + svg.Width - 1, $"the problem list ({list.X}) is not beside the diagram (ending at {svg.X + svg.Width})");
        await Assertions.Expect(page.Locator(".wall-body .problem-list li.problem").First).ToHaveAttributeAsync("data-state", "Red");
        var large = await DrawingAsync(page);
        Assert.True(large.Width >= 1920 - list.Width - 40 || large.Height >= 1080 - 60,
            $"the diagram is drawn {large.Width}x{large.Height} beside a {list.Width} px problem list on a 1920x1080 screen");
        await DashboardBrowserTests.SaveScreenshotAsync(page, "wall-1920x1080.png");

        await page.SetViewportSizeAsync(1366, 768);

        await page.WaitForFunctionAsync("() => document.querySelector('svg.connections-diagram').getBoundingClientRect().width <= 1366");
        var small = await DrawingAsync(page);
        var smallList = (await page.Locator(".wall-body .problem-list").BoundingBoxAsync())!;
        Assert.True(small.Width >= 1366 - smallList.Width - 40 || small.Height >= 768 - 60,
            $"the diagram is drawn {small.Width}x{small.Height} beside a {smallList.Width} px problem list on a 1366x768 screen");
        Assert.True(small.Width < large.Width, "the diagram did not follow the resize");
        await DashboardBrowserTests.SaveScreenshotAsync(page, "wall-1366x768.png");

        // A 4K wall (issue 17, point 6): the diagram grows to it, nothing scrolls, the counts stay on screen.
        await page.SetViewportSizeAsync(3840, 2160);
        await page.WaitForFunctionAsync("() => document.querySelector('svg.connections-diagram').getBoundingClientRect().width > 1920");
        var huge = await DrawingAsync(page);
        var hugeList = (await page.Locator(".wall-body .problem-list").BoundingBoxAsync())!;
        Assert.True(huge.Width >= 3840 - hugeList.Width - 40 || huge.Height >= 2160 - 60,
            $"the diagram is drawn {huge.Width}x{huge.Height} beside a {hugeList.Width} px problem list on a 3840x2160 screen");
        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        Assert.True(scroll[0] <= 3840 && scroll[1] <= 2160, $"the wall scrolls: {scroll[0]}x{scroll[1]} on a 3840x2160 screen");
        var counts = (await page.Locator(".wall-header").BoundingBoxAsync())!;
        Assert.True(counts.Y >= 0 && counts.Y + counts.Height <= 2160, $"the counts are off screen at y {counts.Y}");
        await DashboardBrowserTests.SaveScreenshotAsync(page, "wall-3840x2160.png");
        AssertNoSeriousViolations(await page.RunAxe(), "wall display");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_Accessibility_NoSeriousOrCriticalViolations()
    {
        var page = await lab.OpenAsync();

        AssertNoSeriousViolations(await page.RunAxe(), "dashboard");
        await page.CloseAsync();
    }

    private static void AssertNoSeriousViolations(Deque.AxeCore.Commons.AxeResult result, string what)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes, first {string.Join(" ", v.Nodes.First().Target)})").ToList();
        Assert.True(serious.Count == 0, $"{what}:\n{string.Join("\n", serious)}");
    }

    private sealed record FrameSize(double ScrollWidth, double ClientWidth, double ScrollLeft, double SvgWidth);

    /// <summary>The diagram's scrolling frame and the diagram's width inside it.</summary>
    private static async Task<FrameSize> FrameAsync(ILocator frame)
    {
        var v = await frame.EvaluateAsync<double[]>(
            "e => [e.scrollWidth, e.clientWidth, e.scrollLeft, e.querySelector('svg.connections-diagram').getBoundingClientRect().width]");
        return new FrameSize(v[0], v[1], v[2], v[3]);
    }

    /// <summary>The size the diagram itself takes on screen (the SVG keeps 2:1 inside its box).</summary>
    private static async Task<(double Width, double Height)> DrawingAsync(IPage page)
    {
        var size = await page.EvaluateAsync<double[]>("""
            () => { const r = document.querySelector('svg.connections-diagram').getBoundingClientRect();
                    const s = Math.min(r.width / 1500, r.height / 750); return [1500 * s, 750 * s]; }
            """);
        return (size[0], size[1]);
    }

    private static async Task<List<(string Name, LocatorBoundingBoxResult Box)>> BoxesAsync(IPage page, string selector)
    {
        var boxes = new List<(string, LocatorBoundingBoxResult)>();
        foreach (var element in await page.Locator(selector).AllAsync())
        {
            var name = await element.EvaluateAsync<string>("e => e.closest('[data-flow],[data-role]').getAttribute('data-flow') ?? e.closest('[data-role]').getAttribute('data-role')");
            boxes.Add((name, (await element.BoundingBoxAsync())!));
        }

        return boxes;
    }

    /// <summary>Half a pixel of tolerance for anti-aliased edges.</summary>
    private static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X) > 0.5 && Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y) > 0.5;

    /// <summary>Issue 18, point 5: the links panel reads well at a laptop's and a full HD screen's size.</summary>
    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public async Task LinksPanel_OneLinkEdge_FitsItsContentHintVisibleSinceOnOneLine(int width, int height)
    {
        var page = await lab.OpenAsync($"/?edge={SqlFlow}", width, height);
        var panel = page.Locator($"aside.drilldown[data-flow='{SqlFlow}']");
        await Assertions.Expect(panel.Locator(".drilldown-links tbody tr")).ToHaveCountAsync(1);
        await DashboardBrowserTests.SaveScreenshotAsync(page, $"links-panel-one-link-{width}x{height}.png");

        var box = (await panel.BoundingBoxAsync())!;
        // Its height is its content's: one link leaves no column of empty space below it (the pager ends the panel).
        var pager = (await panel.Locator(".mud-table-pagination").BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height - (pager.Y + pager.Height) < 40, $"{box.Y + box.Height - (pager.Y + pager.Height):0} px of empty panel below the one link");
        Assert.True(box.Height < height - 48, $"a one-link panel is {box.Height:0} px high on a {height} px screen");
        // Its width follows the screen: 960 px on a 1280 px laptop, 1,200 on a full HD screen.
        Assert.InRange(box.Width, width >= 1920 ? 1199 : 959, width >= 1920 ? 1201 : 961);
        // Every column is inside the panel, the hint included, and the time since is one line.
        var hint = (await panel.Locator(".link-hint").BoundingBoxAsync())!;
        Assert.True(hint.X + hint.Width <= box.X + box.Width + 1, $"the hint ends at {hint.X + hint.Width:0}, past the panel's {box.X + box.Width:0}");
        var widths = await panel.Locator("table").EvaluateAsync<string>("t => [...t.querySelectorAll('thead th')].map(th => Math.round(th.getBoundingClientRect().width)).join(',') + ' table ' + Math.round(t.getBoundingClientRect().width) + ' ' + getComputedStyle(t).tableLayout + ' ' + getComputedStyle(t).width");
        Assert.True(hint.Width >= 250, $"the hint is {hint.Width:0} px wide; columns {widths}");
        var sinceLines = await panel.Locator("td.link-since").EvaluateAsync<int>(
            "td => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map(c => Math.round(c.top))).size; }");
        Assert.Equal(1, sinceLines);
        await page.CloseAsync();
    }
}
