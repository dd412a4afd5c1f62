using Bunit;
using ShoppingConnectivity.Central.Components.Pages.Diagram;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Components.Pages.Diagram;

public sealed class ConnectionsDiagramTests : BunitContext
{
    private static readonly DiagramLayout Layout = new(FlowCatalogue.Default);
    private static readonly Flow SqlFlow = FlowCatalogue.Default.FindFlow("website-shoppingdb-sql")!;

    public static TheoryData<EdgeColour, string, string, string> States => new()
    {
        { EdgeColour.Green, "Reachable", "\u2714", "#2e7d32" },
        { EdgeColour.Amber, "Partial", "\u26A0", "#b26a00" },
        { EdgeColour.Red, "Broken", "\u2716", "#c62828" },
        { EdgeColour.Grey, "No data", "?", "#757575" },
        { EdgeColour.Off, "Off", "\u2013", "#9e9e9e" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Edge_InEachState_ShowsColourIconLabelAndPort(EdgeColour colour, string label, string icon, string stroke)
    {
        var cut = Render<ConnectionsDiagram>(p => p
            .Add(c => c.Layout, Layout)
            .Add(c => c.Edges, [Edge(SqlFlow, colour)]));

        var edge = cut.Find($"g.edge[data-flow='{SqlFlow.Id}']");
        Assert.Equal(colour.ToString(), edge.GetAttribute("data-state"));
        Assert.Contains($"edge-{colour.ToString().ToLowerInvariant()}", edge.ClassList);
        Assert.Equal(stroke, edge.QuerySelector("path")!.GetAttribute("stroke"));
        Assert.Equal(label, edge.QuerySelector(".edge-state")!.TextContent);
        Assert.Equal(icon, edge.QuerySelector(".edge-icon")!.TextContent);
        Assert.Contains("1433", edge.QuerySelector("text")!.TextContent);
        Assert.Contains(label, edge.QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void Edge_Off_IsDrawnDashedAndDim()
    {
        var cut = Render<ConnectionsDiagram>(p => p
            .Add(c => c.Layout, Layout)
            .Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Off)]));

        var path = cut.Find($"g.edge[data-flow='{SqlFlow.Id}'] path");
        Assert.Equal("6 5", path.GetAttribute("stroke-dasharray"));
        Assert.Equal("0.5", path.GetAttribute("opacity"));
    }

    [Fact]
    public void Diagram_WithNoStates_DrawsEveryRoleAndEveryFlowAsNoData()
    {
        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout));

        Assert.Equal(FlowCatalogue.Default.Roles.Count, cut.FindAll("g.node").Count);
        var edges = cut.FindAll("g.edge");
        Assert.Equal(FlowCatalogue.Default.Flows.Count, edges.Count);
        Assert.All(edges, e => Assert.Equal("Grey", e.GetAttribute("data-state")));
    }

    [Fact]
    public void Edge_Clicked_ReportsItsFlow()
    {
        string? selected = null;
        var cut = Render<ConnectionsDiagram>(p => p
            .Add(c => c.Layout, Layout)
            .Add(c => c.OnEdgeSelected, (string id) => selected = id));

        cut.Find($"g.edge[data-flow='{SqlFlow.Id}']").Click();

        Assert.Equal(SqlFlow.Id, selected);
    }

    internal static EdgeState Edge(Flow flow, EdgeColour colour) => new(
        flow.Id, flow.From, flow.To, flow.Ports, colour, EdgeState.LabelFor(colour), "summary",
        new Dictionary<ProbeOutcome, int>(), 1, 0, DateTimeOffset.UtcNow);
}
