using Bunit;
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
        Assert.Equal("Grey", cut.Find($"g.edge[data-flow='{flow}']").GetAttribute("data-state"));

        var now = _clock.GetUtcNow();
        _live.Apply([new LinkSnapshot("web01", $"{flow}/db01/1433", flow, "db01", 1433, ProbeOutcome.Reachable, now, now, 2, null, 60)]);
        _clock.Advance(Throttle - TimeSpan.FromMilliseconds(1));
        Assert.Equal("Grey", cut.Find($"g.edge[data-flow='{flow}']").GetAttribute("data-state")); // coalescing: not before the period

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        cut.WaitForAssertion(() => Assert.Equal("Green", cut.Find($"g.edge[data-flow='{flow}']").GetAttribute("data-state")));
        Assert.Contains("Reachable", cut.Find($".edge-row-state[data-flow='{flow}']").TextContent);
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
        Assert.Contains($"No data: {FlowCatalogue.Default.Flows.Count - off}", cut.Find(".legend-grey").TextContent);
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

        cut.Find($"g.edge[data-flow='{flow}']").Click();

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

        cut.Find(".drilldown-close").Click();
        Assert.Empty(cut.FindAll("aside.drilldown"));
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

        cut.Find("g.edge[data-flow='central-dc-ldap']").Click();

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

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
