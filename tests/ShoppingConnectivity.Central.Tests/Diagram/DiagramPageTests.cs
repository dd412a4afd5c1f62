using ShoppingConnectivity.Central.Components;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.Central.Tests.Diagram;

/// <summary>
/// The page on the test's clock: a live update reaches the page when the test moves the clock past the throttle's
/// period, whatever the machine's load. MudBlazor services dispose only asynchronously, so the bUnit context is owned
/// and disposed async.
/// </summary>
public sealed class DiagramPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(250);

    private readonly BunitContext _ctx = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly LiveState _live;

    public DiagramPageTests()
    {
        var options = Options.Create(new CentralOptions { LiveUpdateMilliseconds = (int)Throttle.TotalMilliseconds });
        var estate = TestEstates.Empty(options, _clock);
        _live = new LiveState(FlowCatalogue.Default, estate, options, _clock);
        _ctx.Services.AddMudServices();
        _ctx.Services.AddScoped<UserTimeZone>();
        _ctx.Services.AddSingleton(FlowCatalogue.Default);
        _ctx.Services.AddSingleton(options);
        _ctx.Services.AddSingleton(estate);
        _ctx.Services.AddSingleton(_live);
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Page_WhenResultsArrive_TurnsEdgeGreenWithoutReload()
    {
        var cut = _ctx.Render<DiagramPage>();
        const string flow = "website-shoppingdb-sql";
        // The empty estate has no Website host: the edge is not in it, until results say otherwise.
        Assert.Equal("Absent", cut.Find($"g.edge[data-flow='{flow}']").GetAttribute("data-state"));

        var now = _clock.GetUtcNow();
        _live.Apply([new LinkSnapshot("web01", $"{flow}/db01/1433", flow, "db01", 1433, ProbeOutcome.Reachable, now, now, 2, null, 60)]);
        _clock.Advance(Throttle - TimeSpan.FromMilliseconds(1));
        Assert.Equal("Absent", cut.Find($"g.edge[data-flow='{flow}']").GetAttribute("data-state")); // coalescing: not before the period

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        cut.WaitForAssertion(() => Assert.Equal("Green", cut.Find($"g.edge[data-flow='{flow}']").GetAttribute("data-state")));
        Assert.Contains("Reachable", cut.Find($".edge-row-state[data-flow='{flow}']").TextContent);
    }

    [Fact]
    public void Page_LiveUpdateThatChangesNoEdge_NotDrawnAgainUnlessAPanelShowsItsLinks()
    {
        const string flow = "central-smtp";
        var now = _clock.GetUtcNow();
        LinkSnapshot Result(ProbeOutcome outcome, DateTimeOffset at, int latency = 2) =>
            new("web01", $"{flow}/smtp01/25", flow, "smtp01", 25, outcome, now, at, latency, null, 60);
        _live.Apply([Result(ProbeOutcome.Reachable, now)]);
        var cut = _ctx.Render<DiagramPage>();
        var drawn = cut.RenderCount;
        var version = _live.Version;

        // The link heard from again, the same answer: a new live version, the same edges: nothing to draw.
        _live.Apply([Result(ProbeOutcome.Reachable, now.AddMilliseconds(100))]);
        _clock.Advance(Throttle);
        Assert.NotEqual(version, _live.Version);
        Assert.Equal(drawn, cut.RenderCount);

        // With its links panel open, the link's latest result shows there: drawn again, with the new latency.
        cut.ClickOn($"g.edge[data-flow='{flow}']");
        drawn = cut.RenderCount;
        _live.Apply([Result(ProbeOutcome.Reachable, now.AddMilliseconds(200), latency: 7)]);
        _clock.Advance(Throttle);
        cut.WaitForAssertion(() => Assert.True(cut.RenderCount > drawn));
        Assert.Contains("7 ms", cut.Find($"aside.drilldown[data-flow='{flow}']").TextContent);
    }

    [Fact]
    public void Page_LiveUpdateWithAPanelOpen_WhatAroundTheDiagramIsTheSameIsNotDrawnAgain()
    {
        const string flow = "central-smtp";
        var now = _clock.GetUtcNow();
        LinkSnapshot Result(ProbeOutcome outcome, DateTimeOffset at) => new("web01", $"{flow}/smtp01/25", flow, "smtp01", 25, outcome, now, at, 2, null, 60);
        _live.Apply([Result(ProbeOutcome.Reachable, now)]);
        var cut = _ctx.Render<DiagramPage>();
        cut.ClickOn($"g.edge[data-flow='{flow}']");
        Dictionary<string, int> Drawn() => new()
        {
            ["title"] = cut.FindComponent<DiagramTitleBar>().RenderCount,
            ["legend"] = cut.FindComponent<DiagramLegend>().RenderCount,
            ["zoom"] = cut.FindComponent<DiagramZoomBar>().RenderCount,
            ["problems"] = cut.FindComponent<ProblemList>().RenderCount,
            ["table"] = cut.FindComponent<EdgeTable>().RenderCount,
        };
        var before = Drawn();
        var page = cut.RenderCount;

        // The page is drawn again for its open panel; the parts around the diagram show the same and are not.
        _live.Apply([Result(ProbeOutcome.Reachable, now.AddMilliseconds(100))]);
        _clock.Advance(Throttle);
        cut.WaitForAssertion(() => Assert.True(cut.RenderCount > page));
        Assert.Equal(before, Drawn());

        // The edge breaks: its row, the legend and the problem list are drawn again; the zoom buttons still not.
        _live.Apply([Result(ProbeOutcome.TimedOut, now.AddMilliseconds(200))]);
        _clock.Advance(Throttle);
        cut.WaitForAssertion(() => Assert.Equal("Red", cut.Find($"g.edge[data-flow='{flow}']").GetAttribute("data-state")));
        var after = Drawn();
        Assert.All(["title", "legend", "problems", "table"], part => Assert.True(after[part] > before[part], part + " was not drawn again"));
        Assert.Equal(before["zoom"], after["zoom"]);
        Assert.Contains("Broken: 1", cut.Find(".legend-red").TextContent);
        Assert.NotNull(cut.Find($".problem[data-flow='{flow}']"));

        // A zoom draws the diagram at the new scale; its buttons only when what they show changes.
        cut.Find("button[aria-label='Zoom in']").Click();
        Assert.Equal("1.5", cut.Find(".diagram-scroll").GetAttribute("data-zoom"));
        Assert.Equal(before["zoom"], Drawn()["zoom"]);
        cut.Find("button[aria-label='Fit to screen']").Click();
        Assert.Equal("fit", cut.Find(".diagram-scroll").GetAttribute("data-zoom"));
        Assert.Equal(before["zoom"] + 1, Drawn()["zoom"]);
        Assert.Equal("Whole diagram", cut.Find(".diagram-zoom-hint").TextContent);
        Assert.True(cut.Find("button[aria-label='Fit to screen']").HasAttribute("disabled"));
    }

    [Fact]
    public void Page_BurstOfChanges_RendersLatestState()
    {
        var cut = _ctx.Render<DiagramPage>();
        const string flow = "central-smtp";
        var now = _clock.GetUtcNow();

        for (var i = 0; i < 500; i++)
        {
            var outcome = i % 2 == 0 ? ProbeOutcome.Reachable : ProbeOutcome.TimedOut;
            _live.Apply([new LinkSnapshot("web01", $"{flow}/smtp01/25", flow, "smtp01", 25, outcome, now, now.AddMilliseconds(i), null, null, 60)]);
        }

        _clock.Advance(Throttle);
        cut.WaitForAssertion(() => Assert.Equal("Red", cut.Find($"g.edge[data-flow='{flow}']").GetAttribute("data-state")));
    }

    [Fact]
    public void Page_Legend_CountsEdgesPerState()
    {
        var cut = _ctx.Render<DiagramPage>();

        var off = FlowCatalogue.Default.Flows.Count(f => !f.IsEnabled(Core.Estates.Estate.Empty(FlowCatalogue.Default).Switches));
        Assert.Contains($"Off: {off}", cut.Find(".legend-off").TextContent);
        // The empty estate has no host at all: every flow switched on is not in it, counted apart from "no data".
        Assert.Contains($"Not in estate: {FlowCatalogue.Default.Flows.Count - off}", cut.Find(".legend-absent").TextContent);
        Assert.Contains("No data: 0", cut.Find(".legend-grey").TextContent);
    }

    [Fact]
    public void Page_FlowWithoutAHostOfItsRoles_IsDrawnNotInThisEstateWithTheReason()
    {
        var cut = _ctx.Render<DiagramPage>();

        var edge = cut.Find("g.edge[data-flow='central-activeefficiency-http']");
        Assert.Equal("Absent", edge.GetAttribute("data-state"));
        Assert.Equal("2 4", cut.Find("g.line[data-flows~='central-activeefficiency-http'] .edge-line").GetAttribute("stroke-dasharray"));
        Assert.Contains("Not in estate", edge.QuerySelector(".edge-state")!.TextContent);
        Assert.Equal("no Central Service and no ActiveEfficiency host", edge.QuerySelector(".edge-share")!.TextContent);
        Assert.Contains("not in this estate: no Central Service and no ActiveEfficiency host", edge.QuerySelector("title")!.TextContent);
        Assert.Contains("Not in estate", cut.Find(".edge-row-state[data-flow='central-activeefficiency-http']").TextContent);
    }

    [Fact]
    public void Page_CertificateNearExpiry_LabelSaysDegradedAndWhy()
    {
        const string flow = "website-dc-ldaps";
        var now = _clock.GetUtcNow();
        var expiry = now.AddDays(4).AddHours(1).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var detail = $"TLS 1.3, certificate CN=dc01 issued by CN=ca, expires {expiry} UTC (4 days left, within the 14-day warning: renew it soon).";
        _live.Apply([
            new LinkSnapshot("web01", $"{flow}/dc01/636", flow, "dc01", 636, ProbeOutcome.Reachable, now, now, 3, detail, 60, Degraded: true),
            new LinkSnapshot("web02", $"{flow}/dc01/636", flow, "dc01", 636, ProbeOutcome.Reachable, now, now, 3, detail, 60, Degraded: true),
        ]);

        var cut = _ctx.Render<DiagramPage>();

        var edge = cut.Find($"g.edge[data-flow='{flow}']");
        Assert.Equal("Amber", edge.GetAttribute("data-state"));
        Assert.Equal("Degraded", edge.QuerySelector(".edge-state")!.TextContent);
        Assert.Equal("certificate expires in 4 days", edge.QuerySelector(".edge-share")!.TextContent);
        Assert.Contains("Degraded", cut.Find($".edge-row-state[data-flow='{flow}']").TextContent);
    }

    [Fact]
    public async Task Page_EdgesBroken_ProblemListWorstFirstLiveDurationsAndOpensTheEdge()
    {
        // The DC stops answering first; the SMTP gateway refuses 19 minutes later; the database stays reachable.
        var start = _clock.GetUtcNow();
        _live.Apply([new LinkSnapshot("web01", "website-dc-ldap/dc01/389", "website-dc-ldap", "dc01", 389, ProbeOutcome.TimedOut, start, start, null, "no answer", 60)]);
        await SeenAsync("website-dc-ldap", EdgeColour.Red); // as central's jobs and open pages see it: the edge turns red now
        _clock.Advance(TimeSpan.FromMinutes(19));
        var now = _clock.GetUtcNow();
        _live.Apply([
            new LinkSnapshot("web01", "central-smtp/smtp01/25", "central-smtp", "smtp01", 25, ProbeOutcome.Refused, now, now, null, "refused", 60),
            new LinkSnapshot("web01", "website-shoppingdb-sql/db01/1433", "website-shoppingdb-sql", "db01", 1433, ProbeOutcome.Reachable, now, now, 2, null, 60),
        ]);
        await SeenAsync("central-smtp", EdgeColour.Red);
        _clock.Advance(TimeSpan.FromMinutes(3));
        now = _clock.GetUtcNow();
        _live.Apply([
            new LinkSnapshot("web01", "website-dc-ldap/dc01/389", "website-dc-ldap", "dc01", 389, ProbeOutcome.TimedOut, start, now, null, "no answer", 60),
            new LinkSnapshot("web01", "central-smtp/smtp01/25", "central-smtp", "smtp01", 25, ProbeOutcome.Refused, now.AddMinutes(-3), now, null, "refused", 60),
            new LinkSnapshot("web01", "website-shoppingdb-sql/db01/1433", "website-shoppingdb-sql", "db01", 1433, ProbeOutcome.Reachable, now, now, 2, null, 60),
        ]);
        var cut = _ctx.Render<DiagramPage>();

        var problems = cut.FindAll(".problem-list li.problem");
        Assert.Equal(["website-dc-ldap", "central-smtp"], problems.Select(p => p.GetAttribute("data-flow")));
        Assert.Contains("Broken for 22 min", problems[0].QuerySelector(".problem-state")!.TextContent);
        Assert.Equal("Shopping Website \u2192 Active Directory DC, TCP 389", problems[0].QuerySelector(".problem-edge")!.TextContent);
        Assert.Equal("/?edge=website-dc-ldap", problems[0].QuerySelector("a")!.GetAttribute("href"));
        // The table under the diagram starts sorted the same way: broken first, the longest-standing first.
        var states = cut.FindAll(".edge-table tbody .edge-row-state").Select(e => e.GetAttribute("data-flow")).Take(2);
        Assert.Equal(["website-dc-ldap", "central-smtp"], states);

        // No new result for two minutes (the links stay fresh): the list's durations still move on.
        _clock.Advance(TimeSpan.FromMinutes(2));
        cut.WaitForAssertion(() => Assert.Contains("Broken for 24 min", cut.Find(".problem-list li.problem .problem-state").TextContent),
            TimeSpan.FromSeconds(10));

        // The list's ticker may re-render between Find and Click, and bUnit drops a click on a replaced handler
        // (as a browser would on a removed node), so click again until the panel opens; opening twice is harmless.
        cut.WaitForAssertion(() =>
        {
            cut.ClickOn(".problem-list li.problem[data-flow='central-smtp'] a");
            Assert.NotNull(cut.Find("aside.drilldown[data-flow='central-smtp']"));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Page_AllGreen_NoProblemList()
    {
        var now = _clock.GetUtcNow();
        _live.Apply([new LinkSnapshot("web01", "central-smtp/smtp01/25", "central-smtp", "smtp01", 25, ProbeOutcome.Reachable, now, now, 2, null, 60)]);

        var cut = _ctx.Render<DiagramPage>();

        Assert.Empty(cut.FindAll(".problem-list"));
    }

    /// <summary>Issue 17, point 6: on a phone the diagram is drawn readable, and its buttons zoom it (app.css reads the width).</summary>
    [Fact]
    public void Page_ZoomButtons_StepTheDiagramsWidthAndFitIt()
    {
        var cut = _ctx.Render<DiagramPage>();
        string Style() => cut.Find(".diagram-scroll").GetAttribute("style") ?? "";
        void Press(string label) => cut.ClickOn($"button[aria-label='{label}']");

        Assert.Equal(new DiagramZoom().Style(DiagramPage.Layout.Geometry.Width), Style());
        Assert.Contains("pan", cut.Find(".diagram-zoom-hint").TextContent);

        Press("Zoom in");
        var zoomed = new DiagramZoom();
        zoomed.ZoomIn();
        Assert.Equal(zoomed.Style(DiagramPage.Layout.Geometry.Width), Style());

        Press("Fit to screen");
        Assert.Equal("fit", cut.Find(".diagram-scroll").GetAttribute("data-zoom"));
        Assert.Equal("", Style());
        Assert.True(cut.Find("button[aria-label='Fit to screen']").HasAttribute("disabled"));
        Assert.True(cut.Find("button[aria-label='Zoom out']").HasAttribute("disabled"));

        Press("Zoom in");
        Assert.Equal(DiagramZoom.Steps[0].ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find(".diagram-scroll").GetAttribute("data-zoom"));
    }

    [Fact]
    public void Wall_SomethingBroken_ListBesideTheDiagramGoneWhenGreenAgain()
    {
        var now = _clock.GetUtcNow();
        const string flow = "central-smtp";
        _live.Apply([new LinkSnapshot("web01", $"{flow}/smtp01/25", flow, "smtp01", 25, ProbeOutcome.Refused, now, now, null, "refused", 60)]);
        var wall = _ctx.Render<WallPage>();

        var item = wall.Find(".wall-body .problem-list.dark li.problem");
        Assert.Equal(flow, item.GetAttribute("data-flow"));
        Assert.Equal("/?edge=central-smtp", item.QuerySelector("a")!.GetAttribute("href"));

        _live.Apply([new LinkSnapshot("web01", $"{flow}/smtp01/25", flow, "smtp01", 25, ProbeOutcome.Reachable, now, now.AddSeconds(1), 2, null, 60)]);
        _clock.Advance(Throttle);
        wall.WaitForAssertion(() => Assert.Empty(wall.FindAll(".problem-list")));
    }

    [Fact]
    public void Page_EdgeClicked_OpensDrillDownWithItsLinksHintsAndSuspect()
    {
        var now = _clock.GetUtcNow();
        const string flow = "client-dc-ldap";
        var links = Enumerable.Range(0, 10).Select(i => new LinkSnapshot($"pc{i:D2}", $"{flow}/dc01/389", flow, "dc01", 389,
            i < 8 ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable, now.AddMinutes(-3), now, i < 8 ? null : 4.2, i < 8 ? "no answer" : "ok", 60)).ToList();
        _live.Apply(links);
        var cut = _ctx.Render<DiagramPage>();

        cut.ClickOn($"g.edge[data-flow='{flow}']");

        var panel = cut.Find($"aside.drilldown[data-flow='{flow}']");
        Assert.Contains("dc01: unreachable from 8 of 10 sources", panel.QuerySelector(".drilldown-mark")!.TextContent);
        Assert.Contains("2 / 10 reachable: 8 TimedOut", cut.Find(".drilldown-share").TextContent);
        var rows = cut.FindAll(".drilldown-links tbody tr");
        Assert.Equal(10, rows.Count);
        var pc03 = rows.Single(r => r.QuerySelector(".link-source")!.TextContent.Trim() == "pc03");
        Assert.Contains("TimedOut", pc03.QuerySelector(".link-outcome")!.TextContent);
        Assert.Contains("A firewall between pc03 and dc01 drops TCP 389", pc03.QuerySelector(".link-hint")!.TextContent);
        Assert.Equal("/hosts/pc03", pc03.QuerySelector(".link-source a")!.GetAttribute("href"));
        Assert.Equal($"/edges/{flow}/history", cut.Find(".drilldown-history").GetAttribute("href"));
        Assert.Equal($"/trends/{flow}", cut.Find(".drilldown-trend").GetAttribute("href"));

        cut.ClickOn(".drilldown-close");
        Assert.Empty(cut.FindAll("aside.drilldown"));
    }

    [Fact]
    public void Page_EdgeInTheUrl_OpensItsLinksPanel()
    {
        const string flow = "central-smtp";
        var now = _clock.GetUtcNow();
        _live.Apply([new LinkSnapshot("cs01", $"{flow}/smtp01/25", flow, "smtp01", 25, ProbeOutcome.TimedOut, now, now, null, "no answer", 60)]);
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/?edge={flow}");

        var cut = _ctx.Render<DiagramPage>();

        var panel = cut.Find($"aside.drilldown[data-flow='{flow}']");
        Assert.Equal("cs01", panel.QuerySelector(".drilldown-links tbody tr .link-source")!.TextContent.Trim());
        Assert.Contains("selected-edge", cut.Find($".edge-row-state[data-flow='{flow}']").Closest("tr")!.ClassList);
        Assert.Empty(cut.FindAll(".diagram-unknown-edge"));
    }

    [Fact]
    public void Page_UnknownEdgeInTheUrl_SaysSoAndOpensNothing()
    {
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/?edge=nope");

        var cut = _ctx.Render<DiagramPage>();

        Assert.Contains("No edge 'nope' in the catalogue", cut.Find(".diagram-unknown-edge").TextContent);
        Assert.Empty(cut.FindAll("aside.drilldown"));
    }

    [Fact]
    public void Page_EdgesOpenedAndClosed_TheUrlNamesTheOpenEdgeAndBackReopensIt()
    {
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        var cut = _ctx.Render<DiagramPage>();

        cut.ClickOn("g.edge[data-flow='central-smtp']");
        Assert.EndsWith("/?edge=central-smtp", navigation.Uri);
        Assert.NotNull(cut.Find("aside.drilldown[data-flow='central-smtp']"));

        cut.ClickOn(".edge-row-state[data-flow='website-shoppingdb-sql']");
        Assert.EndsWith("/?edge=website-shoppingdb-sql", navigation.Uri);
        Assert.NotNull(cut.Find("aside.drilldown[data-flow='website-shoppingdb-sql']"));

        cut.ClickOn(".drilldown-close");
        Assert.Equal(navigation.BaseUri, navigation.Uri);
        Assert.Empty(cut.FindAll("aside.drilldown"));

        // What the browser's back button does: the URL before, and the page follows it.
        navigation.NavigateTo("/?edge=website-shoppingdb-sql");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("aside.drilldown[data-flow='website-shoppingdb-sql']")));
    }

    [Fact]
    public void Page_EdgeAndNodeClickedWhileTheUrlHasNotChangedYet_PanelsFollowTheClicks()
    {
        // On a busy central the URL's change comes back long after the click: held here, the panels must not wait for it.
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        using var held = navigation.RegisterLocationChangingHandler(context =>
        {
            context.PreventNavigation();
            return ValueTask.CompletedTask;
        });
        var cut = _ctx.Render<DiagramPage>();

        cut.ClickOn("g.edge[data-flow='central-smtp']");
        Assert.NotNull(cut.Find("aside.drilldown[data-flow='central-smtp']"));

        cut.ClickOn(".drilldown-close");
        Assert.Empty(cut.FindAll("aside.drilldown"));

        cut.ClickOn("g.node[data-role='Website']");
        Assert.NotEmpty(cut.FindAll(".role-hosts"));
        Assert.Equal(navigation.BaseUri, navigation.Uri);
    }

    [Fact]
    public void Page_EdgeClicked_ShowsTheEstateWideSuspectOfATargetFailingOnSeveralFlows()
    {
        var now = _clock.GetUtcNow();
        _live.Apply([
            new LinkSnapshot("web01", "website-dc-ldap/dc01/389", "website-dc-ldap", "dc01", 389, ProbeOutcome.TimedOut, now, now, null, null, 60),
            new LinkSnapshot("cs01", "central-dc-ldap/dc01/389", "central-dc-ldap", "dc01", 389, ProbeOutcome.TimedOut, now, now, null, null, 60),
        ]);
        var cut = _ctx.Render<DiagramPage>();

        cut.ClickOn("g.edge[data-flow='central-dc-ldap']");

        var mark = cut.Find("aside.drilldown[data-flow='central-dc-ldap'] .drilldown-mark");
        Assert.Equal("Target", mark.GetAttribute("data-blame"));
        Assert.Contains("dc01: unreachable from 2 of 2 sources on 2 flows", mark.TextContent);
        Assert.Empty(cut.FindAll(".drilldown-more-marks"));
    }

    [Fact]
    public void Page_TargetFailingFromManySources_ListsTheSuspect()
    {
        var now = _clock.GetUtcNow();
        const string flow = "client-dc-ldap";
        _live.Apply(Enumerable.Range(0, 5).Select(i => new LinkSnapshot($"pc{i}", $"{flow}/dc01/389", flow, "dc01", 389, ProbeOutcome.Refused, now, now, null, null, 60)));

        var cut = _ctx.Render<DiagramPage>();

        Assert.Contains("dc01: unreachable from 5 of 5 sources", cut.Find(".suspects").TextContent);
        Assert.Equal("Target", cut.Find("g.node[data-role='DomainController']").GetAttribute("data-blame"));
    }

    /// <summary>Reads the live edges until <paramref name="flowId"/> shows <paramref name="colour"/> (a costly first recompute is paced on the wall clock).</summary>
    private Task SeenAsync(string flowId, EdgeColour colour) =>
        Eventually.AssertAsync(() => _live.Edges.First(e => e.FlowId == flowId).Colour == colour, TimeSpan.FromSeconds(10), () => $"{flowId} never turned {colour}");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
