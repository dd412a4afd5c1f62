using Bunit;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Diagram;

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
        Assert.Equal(stroke, cut.Find($"g.line[data-flows~='{SqlFlow.Id}'] path.edge-line").GetAttribute("stroke"));
        Assert.Equal(label, edge.QuerySelector(".edge-state")!.TextContent);
        Assert.Equal(icon, edge.QuerySelector(".edge-icon")!.TextContent);
        Assert.Contains("1433", edge.QuerySelector("text")!.TextContent);
        Assert.Contains(label, edge.QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void SmallDiagram_Chip_IsOneLineWithTheWordAndShareInItsName()
    {
        var small = DiagramLayout.For(FlowCatalogue.Default, DiagramGeometry.Small);
        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, small).Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Red)]));

        Assert.Equal("0 0 1220 530", cut.Find("svg").GetAttribute("viewBox"));
        var edge = cut.Find($"g.edge[data-flow='{SqlFlow.Id}']");
        var text = Assert.Single(edge.QuerySelectorAll("text"));
        Assert.Equal("\u2716 SQL 1433", string.Join(" ", text.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        Assert.Equal("12", text.GetAttribute("font-size"));
        Assert.Null(edge.QuerySelector(".edge-state"));
        // What the second line said is still the chip's name and tooltip, and its line carries the state.
        Assert.StartsWith("\u2716 SQL 1433 Broken", edge.GetAttribute("aria-label"));
        Assert.Contains("Broken", edge.QuerySelector("title")!.TextContent);
        Assert.Equal("Red", cut.Find($"g.line[data-flows~='{SqlFlow.Id}']").GetAttribute("data-state"));
    }

    [Fact]
    public void SmallDiagram_Node_LeavesOutTheSubtitleAndShortensTheSuspect()
    {
        var small = DiagramLayout.For(FlowCatalogue.Default, DiagramGeometry.Small);
        var mark = new BlameMark(BlameKind.Target, "Receiver", "cm-site-server01", 38, 40, "cm-site-server01: unreachable from 38 of 40 sources", ["receiver-client-wmi"]);

        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, small).Add(c => c.Marks, [mark]));

        var node = cut.Find("g.node[data-role='Receiver']");
        Assert.Null(node.QuerySelector(".node-subtitle"));
        Assert.Equal("\u2716 cm-sit\u2026 unreachable", node.QuerySelector(".node-mark")!.TextContent.Trim());
        Assert.Equal("170", node.QuerySelector("rect")!.GetAttribute("width"));
        Assert.Contains("Receiver (ConfigMgr site server)", node.QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void Edge_Off_IsDrawnDashedAndDim()
    {
        var cut = Render<ConnectionsDiagram>(p => p
            .Add(c => c.Layout, Layout)
            .Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Off)]));

        var path = cut.Find($"g.line[data-flows~='{SqlFlow.Id}'] path.edge-line");
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

        cut.ClickOn($"g.edge[data-flow='{SqlFlow.Id}']");

        Assert.Equal(SqlFlow.Id, selected);
    }

    [Fact]
    public void Edge_EnterPressed_ReportsItsFlowAndIsFocusable()
    {
        string? selected = null;
        var cut = Render<ConnectionsDiagram>(p => p
            .Add(c => c.Layout, Layout)
            .Add(c => c.OnEdgeSelected, (string id) => selected = id));

        var edge = cut.Find($"g.edge[data-flow='{SqlFlow.Id}']");
        edge.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(SqlFlow.Id, selected);
        Assert.Equal("0", edge.GetAttribute("tabindex"));
        Assert.Equal("button", edge.GetAttribute("role"));
        Assert.StartsWith("? SQL 1433 No data: Shopping Website to Shopping DB (SQL Server), TCP 1433", edge.GetAttribute("aria-label"));
    }

    [Fact]
    public void Edge_WithLinks_ChipShowsTheReachableShareAndTitleSaysItInWords()
    {
        var state = Edge(SqlFlow, EdgeColour.Amber) with
        {
            Counts = new Dictionary<ProbeOutcome, int> { [ProbeOutcome.Reachable] = 4_812, [ProbeOutcome.TimedOut] = 18 },
            Links = 4_830,
        };

        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Edges, [state]));

        Assert.Equal("4,812/4,830", cut.Find($"g.edge[data-flow='{SqlFlow.Id}'] .edge-share").TextContent);
        Assert.Contains("4,812 / 4,830 reachable", cut.Find($"g.edge[data-flow='{SqlFlow.Id}']").GetAttribute("aria-label"));
    }

    [Fact]
    public void Node_EdgesRedrawnButNotItsMarksOrBadge_BoxNotRedrawnUntilTheyChange()
    {
        var mark = new BlameMark(BlameKind.Target, "DomainController", "dc01", 38, 40, "dc01: unreachable from 38 of 40 sources", ["client-dc-ldap"]);
        IReadOnlyList<BlameMark> marks = [mark];
        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Green)]).Add(c => c.Marks, marks));
        var box = cut.FindComponents<DiagramNodeView>().Single(n => n.Instance.Node.RoleId == "DomainController");
        var drawn = box.RenderCount;

        // A live update: new edge states, the same marks (the live state hands out one list until blame is located again).
        cut.Render(p => p.Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Red)]).Add(c => c.Marks, marks));
        Assert.Equal(drawn, box.RenderCount);

        var more = mark with { Failing = 40, Text = "dc01: unreachable from 40 of 40 sources" };
        cut.Render(p => p.Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Red)]).Add(c => c.Marks, [more]));
        Assert.Equal(drawn + 1, box.RenderCount);
        Assert.Equal("\u2716 dc01: unreachable from 40/40", cut.Find("g.node[data-role='DomainController'] .node-mark").TextContent.Trim());
    }

    [Fact]
    public void Diagram_SameEdgesAndMarksAgain_NotDrawnAgainUntilTheLiveStateHandsOutNewOnes()
    {
        IReadOnlyList<EdgeState> edges = [Edge(SqlFlow, EdgeColour.Green)];
        IReadOnlyList<BlameMark> marks = [];
        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Edges, edges).Add(c => c.Marks, marks).Add(c => c.Version, 1));
        var drawn = cut.RenderCount;

        // The page drawn again for something else (an open panel, the wall's clock): the same lists, a later version.
        cut.Render(p => p.Add(c => c.Edges, edges).Add(c => c.Marks, marks).Add(c => c.Version, 2));
        Assert.Equal(drawn, cut.RenderCount);

        cut.Render(p => p.Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Red)]).Add(c => c.Marks, marks).Add(c => c.Version, 3));
        Assert.Equal(drawn + 1, cut.RenderCount);
        Assert.Equal("Red", cut.Find($"g.edge[data-flow='{SqlFlow.Id}']").GetAttribute("data-state"));
        Assert.Equal("3", cut.Find("svg.connections-diagram").GetAttribute("data-version"));
    }

    [Fact]
    public void Node_TargetMark_IsOutlinedAndNamesTheHost()
    {
        var mark = new BlameMark(BlameKind.Target, "DomainController", "dc01", 38, 40, "dc01: unreachable from 38 of 40 sources", ["client-dc-ldap"]);

        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Marks, [mark]));

        var node = cut.Find("g.node[data-role='DomainController']");
        Assert.Equal("Target", node.GetAttribute("data-blame"));
        Assert.Contains("node-blamed", node.ClassList);
        Assert.Equal("8 4", node.QuerySelector("rect")!.GetAttribute("stroke-dasharray"));
        Assert.Equal("\u2716 dc01: unreachable from 38/40", node.QuerySelector(".node-mark")!.TextContent.Trim());
        Assert.Contains("dc01: unreachable from 38 of 40 sources", node.QuerySelector("title")!.TextContent);
        Assert.Null(cut.Find("g.node[data-role='Client']").GetAttribute("data-blame"));
    }

    [Fact]
    public void Node_SourceMark_IsOutlinedAndNamesTheHost()
    {
        var mark = new BlameMark(BlameKind.Source, "Client", "pc007", 3, 3, "pc007: cannot reach 3 of 3 targets", ["client-dc-ldap"]);

        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Marks, [mark]));

        var node = cut.Find("g.node[data-role='Client']");
        Assert.Equal("Source", node.GetAttribute("data-blame"));
        Assert.Equal("\u2716 pc007: cannot reach 3/3", node.QuerySelector(".node-mark")!.TextContent.Trim());
    }

    [Fact]
    public void Node_ThousandsOfSourceMarks_TooltipNamesTheFirstFewAndCountsTheRest()
    {
        var marks = Enumerable.Range(0, 2_000).Select(i => new BlameMark(BlameKind.Source, "Client", $"pc{i:D4}", 1, 5,
            $"pc{i:D4}: cannot reach dc01:389, which 1,999 other clients reach", ["client-dc-ldap"])).ToList();

        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Marks, marks));

        var title = cut.Find("g.node[data-role='Client'] title").TextContent;
        Assert.Contains("pc0004: cannot reach dc01:389", title);
        Assert.DoesNotContain("pc0005", title);
        Assert.EndsWith("; and 1,995 more", title);
        Assert.Equal("\u2716 pc0000: cannot reach 1/5 +1999", cut.Find("g.node[data-role='Client'] .node-mark").TextContent.Trim());
    }

    [Fact]
    public void Edge_EdgeMark_FlagsTheLabelNotANode()
    {
        var mark = new BlameMark(BlameKind.Edge, "ShoppingDb", null, 1, 1, "1 of 1 links failing with no common source or target", [SqlFlow.Id]);

        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Red)]).Add(c => c.Marks, [mark]));

        var edge = cut.Find($"g.edge[data-flow='{SqlFlow.Id}']");
        Assert.Equal("Edge", edge.GetAttribute("data-blame"));
        Assert.StartsWith("\u2691", edge.QuerySelector(".edge-share")!.TextContent);
        Assert.Empty(cut.FindAll("g.node.node-blamed"));
    }

    [Fact]
    public void Diagram_Dark_UsesTheLightShadesOnDarkBoxes()
    {
        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Red)]).Add(c => c.Dark, true));

        Assert.Contains("dark", cut.Find("svg").ClassList);
        Assert.Equal(EdgePresenter.LineColour(EdgeColour.Red, dark: true), cut.Find($"g.line[data-flows~='{SqlFlow.Id}'] path.edge-line").GetAttribute("stroke"));
        Assert.Equal("#1e1e1e", cut.Find($"g.edge[data-flow='{SqlFlow.Id}'] .edge-label rect").GetAttribute("fill"));
    }

    [Theory]
    [InlineData(EdgeColour.Green, null, "2.5")]
    [InlineData(EdgeColour.Amber, "9 5", "3")]
    [InlineData(EdgeColour.Red, null, "4.5")]
    [InlineData(EdgeColour.Grey, "2 5", "2.5")]
    public void Edge_EachState_HasItsOwnLineStyleSoColourIsNotTheOnlyCue(EdgeColour colour, string? dashes, string width)
    {
        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Edges, [Edge(SqlFlow, colour)]));

        var line = cut.Find($"g.line[data-flows~='{SqlFlow.Id}'] path.edge-line");
        Assert.Equal((dashes, width), (line.GetAttribute("stroke-dasharray"), line.GetAttribute("stroke-width")));
    }

    [Fact]
    public void Node_Badge_CountsItsFailingFlowsInAndOut()
    {
        var website = FlowCatalogue.Default.Flows.Where(f => f.From == "Website" || f.To == "Website").ToList();
        var states = website.Select((f, i) => Edge(f, i == 0 ? EdgeColour.Red : i == 1 ? EdgeColour.Amber : EdgeColour.Green)).ToList();

        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Edges, states));

        var node = cut.Find("g.node[data-role='Website']");
        Assert.Equal($"\u2716 2 of {website.Count} flows failing", node.QuerySelector(".node-badge")!.TextContent.Trim());
        Assert.Equal("Red", node.GetAttribute("data-badge"));
        Assert.Equal("bold", node.QuerySelector(".node-badge")!.GetAttribute("font-weight"));
    }

    [Fact]
    public void Node_BlamedHost_AppearsOnItsRolesBoxBesideTheBadge()
    {
        var mark = new BlameMark(BlameKind.Target, "ShoppingDb", "sql02", 3, 3, "sql02: unreachable from 3 of 3 sources", [SqlFlow.Id]);

        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout).Add(c => c.Edges, [Edge(SqlFlow, EdgeColour.Red)]).Add(c => c.Marks, [mark]));

        var node = cut.Find("g.node[data-role='ShoppingDb']");
        Assert.Contains("sql02", node.QuerySelector(".node-mark")!.TextContent.Trim());
        Assert.Equal("\u2716 1 of 1 flow failing", node.QuerySelector(".node-badge")!.TextContent.Trim());
    }

    [Fact]
    public void Diagram_HoverRules_LightUpTheLineItsChipsAndBothBoxes()
    {
        var cut = Render<ConnectionsDiagram>(p => p.Add(c => c.Layout, Layout));

        var css = cut.Find("svg > style").TextContent;
        Assert.Contains(".connections-diagram:has(:is(.edge, .line)[data-from=\"ShoppingDb\"]:is(:hover, :focus-visible), :is(.edge, .line)[data-to=\"ShoppingDb\"]:is(:hover, :focus-visible)) .node[data-role=\"ShoppingDb\"] > rect", css);
        Assert.Contains(".connections-diagram:has(:is(.edge, .line)[data-line=\"Website-ShoppingDb\"]:is(:hover, :focus-visible)) .line[data-line=\"Website-ShoppingDb\"] .edge-line", css);
        var edge = cut.Find($"g.edge[data-flow='{SqlFlow.Id}']");
        Assert.Equal(("Website", "ShoppingDb"), (edge.GetAttribute("data-from"), edge.GetAttribute("data-to")));
    }

    internal static EdgeState Edge(Flow flow, EdgeColour colour) => new(
        flow.Id, flow.From, flow.To, flow.Ports, colour, EdgeState.LabelFor(colour), "summary",
        new Dictionary<ProbeOutcome, int>(), 1, 0, DateTimeOffset.UtcNow);
}
