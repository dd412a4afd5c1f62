using Bunit;
using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Diagram;

/// <summary>
/// An estate with both kinds of port override (websiteHttp 18081 estate-wide, sql02 on 14330): the diagram label, the
/// edge table and the links panel name the ports the agents probe, never the catalogue's 80 and 1433.
/// </summary>
public sealed class DiagramPagePortOverridesTests : IAsyncLifetime
{
    private const string WebsiteFlow = "client-website-http";
    private const string SqlFlow = "website-shoppingdb-sql";

    private readonly PageHost _host = new(estateJson: TestEstates.PortOverridesJson);

    public Task InitializeAsync()
    {
        var now = _host.Get<TimeProvider>().GetUtcNow();
        _host.Get<LiveState>().Apply(
        [
            new LinkSnapshot("pc01", $"{WebsiteFlow}/web01/18081", WebsiteFlow, "web01", 18081, ProbeOutcome.Reachable, now, now, 2, null, 60),
            new LinkSnapshot("web01", $"{SqlFlow}/sql01/1433", SqlFlow, "sql01", 1433, ProbeOutcome.Reachable, now, now, 2, null, 60),
            new LinkSnapshot("web01", $"{SqlFlow}/sql02/14330", SqlFlow, "sql02", 14330, ProbeOutcome.TimedOut, now, now, null, "no answer", 60),
        ]);
        return Task.CompletedTask;
    }

    [Fact]
    public void DiagramLabel_PortOverrides_NamesThePortsProbed()
    {
        var page = _host.Context.Render<DiagramPage>();

        Assert.Equal("18081", page.Find($"g.edge[data-flow='{WebsiteFlow}'] .edge-ports").TextContent);
        Assert.Equal("1433 (sql02: 14330)", page.Find($"g.edge[data-flow='{SqlFlow}'] .edge-ports").TextContent);
        Assert.Contains("TCP 1433 (sql02: 14330)", page.Find($"g.edge[data-flow='{SqlFlow}'] title").TextContent);
    }

    [Fact]
    public void DiagramLabel_LongPortsLabel_BoxGrowsToHoldIt()
    {
        var page = _host.Context.Render<DiagramPage>();

        var width = double.Parse(page.Find($"g.edge[data-flow='{SqlFlow}'] .edge-label rect").GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        var plain = double.Parse(page.Find($"g.edge[data-flow='{WebsiteFlow}'] .edge-label rect").GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        var placed = DiagramPage.Layout.Edges.Single(e => e.Flow.Id == SqlFlow).Label.Width;
        Assert.Equal(DiagramPage.Layout.Edges.Single(e => e.Flow.Id == WebsiteFlow).Label.Width, plain);
        Assert.True(width > placed, $"chip {width} wide, placed {placed}");
    }

    [Fact]
    public void EdgeTable_PortOverrides_NamesThePortsProbed()
    {
        var page = _host.Context.Render<DiagramPage>();

        Assert.Equal("18081", CellOf(page, WebsiteFlow));
        Assert.Equal("1433 (sql02: 14330)", CellOf(page, SqlFlow));
    }

    [Fact]
    public void LinksPanel_PortOverrides_TitleAndRowsNameThePortsProbed()
    {
        var page = _host.Context.Render<DiagramPage>();

        page.ClickOn($"g.edge[data-flow='{SqlFlow}']");

        Assert.EndsWith("TCP 1433 (sql02: 14330)", page.Find("#drilldown-title").TextContent.Trim());
        var targets = page.FindAll(".drilldown-links .link-target").Select(t => t.TextContent.Trim()).Order().ToList();
        Assert.Equal(["sql01:1433", "sql02:14330"], targets);
    }

    private static string CellOf(IRenderedComponent<DiagramPage> page, string flowId) =>
        page.Find($".edge-row-state[data-flow='{flowId}']").Closest("tr")!.QuerySelector("td[data-label='TCP']")!.TextContent.Trim();

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
