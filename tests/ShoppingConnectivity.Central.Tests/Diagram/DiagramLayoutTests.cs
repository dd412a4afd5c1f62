using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Tests.Diagram;

/// <summary>The geometry proves what a person would check by eye: nothing hides anything.</summary>
public sealed class DiagramLayoutTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DiagramLayout Layout = new(Catalogue);

    /// <summary>The full diagram (a full HD window and up) and the small one (laptops and phones).</summary>
    public static TheoryData<string> Geometries => ["full", "small"];

    private static DiagramLayout LayoutOf(string geometry) =>
        DiagramLayout.For(Catalogue, geometry == "full" ? DiagramGeometry.Full : DiagramGeometry.Small);

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Layout_EveryRoleAndFlowOfTheCatalogue_IsDrawn(string geometry)
    {
        var layout = LayoutOf(geometry);
        Assert.Equal(Catalogue.Roles.Select(r => r.Id).Order(), layout.Nodes.Select(n => n.RoleId).Order());
        Assert.Equal(Catalogue.Flows.Select(f => f.Id), layout.Edges.Select(e => e.Flow.Id));
        foreach (var role in new[] { "Client", "TachyonAgent", "Website", "CentralService", "AdminConsole", "Receiver", "ShoppingDb",
                     "ConfigMgrDb", "SmsProvider", "DomainController", "SmtpGateway", "Pop3Server", "ActiveEfficiency", "AppClarity" })
        {
            Assert.Contains(layout.Nodes, n => n.RoleId == role);
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Layout_NodesAndLabels_StayInsideTheCanvas(string geometry)
    {
        var layout = LayoutOf(geometry);
        var canvas = new Box(0, 0, layout.Geometry.Width, layout.Geometry.Height);
        foreach (var box in layout.Nodes.Select(n => (Name: n.RoleId, n.Box)).Concat(layout.Edges.Select(e => (Name: e.Flow.Id, Box: e.Label))))
        {
            Assert.True(box.Box.X >= canvas.X && box.Box.Y >= canvas.Y && box.Box.Right <= canvas.Right && box.Box.Bottom <= canvas.Bottom,
                $"{box.Name} at {box.Box} leaves the canvas");
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Layout_NoTwoNodes_Overlap(string geometry)
    {
        var layout = LayoutOf(geometry);
        var nodes = layout.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            for (var j = i + 1; j < nodes.Count; j++)
            {
                Assert.False(nodes[i].Box.Inflate(4).Overlaps(nodes[j].Box), $"nodes {nodes[i].RoleId} and {nodes[j].RoleId} overlap");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Layout_NoEdgeLabel_OverlapsANode(string geometry)
    {
        var layout = LayoutOf(geometry);
        var hidden = from e in layout.Edges
                     from n in layout.Nodes
                     where e.Label.Overlaps(n.Box)
                     select $"{e.Flow.Id} label {e.Label} under node {n.RoleId} {n.Box}";

        Assert.Empty(hidden);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Layout_NoTwoEdgeLabels_Overlap(string geometry)
    {
        var layout = LayoutOf(geometry);
        var edges = layout.Edges;
        var overlaps = new List<string>();
        for (var i = 0; i < edges.Count; i++)
        {
            for (var j = i + 1; j < edges.Count; j++)
            {
                if (edges[i].Label.Overlaps(edges[j].Label)) overlaps.Add($"{edges[i].Flow.Id} {edges[i].Label} / {edges[j].Flow.Id} {edges[j].Label}");
            }
        }

        Assert.Empty(overlaps);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Layout_FlowsBetweenTheSameRoles_ShareOneLineWithAChipEach(string geometry)
    {
        var layout = LayoutOf(geometry);
        var line = Assert.Single(layout.Lines, l => l.From == "Website" && l.To == "DomainController");
        Assert.Equal(["website-dc-ldap", "website-dc-gc", "website-dc-ldaps"], line.Flows.Select(f => f.Id));
        Assert.Equal(Catalogue.Flows.Select(f => (f.From, f.To)).Distinct().Count(), layout.Lines.Count);
        Assert.All(layout.Edges, e => Assert.Equal($"{e.Flow.From}-{e.Flow.To}", e.LineId));
        // The chips of a line stack, top to bottom in catalogue order, without touching.
        var chips = layout.Edges.Where(e => e.LineId == line.Id).Select(e => e.Label).ToList();
        Assert.All(chips.Zip(chips.Skip(1)), p => Assert.True(p.Second.Y >= p.First.Bottom, $"{p.First} / {p.Second}"));
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Layout_EachChipGroup_SitsOnItsOwnLine(string geometry)
    {
        var layout = LayoutOf(geometry);
        foreach (var line in layout.Lines)
        {
            var chips = layout.Edges.Where(e => e.LineId == line.Id).Select(e => e.Label).ToList();
            var (cx, cy) = ((chips.Min(c => c.X) + chips.Max(c => c.Right)) / 2, (chips[0].Y + chips[^1].Bottom) / 2);
            // The group is centred on a point of the curve; the polyline follows the curve within a unit or two.
            var distance = line.Points.Zip(line.Points.Skip(1)).Min(s => DistanceToSegment(cx, cy, s.First, s.Second));
            Assert.True(distance < 2, $"{line.Id}: its chips are {distance:0.0} units off its line");
        }
    }

    private static double DistanceToSegment(double x, double y, Point a, Point b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var t = dx == 0 && dy == 0 ? 0 : Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / (dx * dx + dy * dy), 0, 1);
        return Math.Sqrt(Math.Pow(a.X + t * dx - x, 2) + Math.Pow(a.Y + t * dy - y, 2));
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Layout_ShippedCatalogue_LinesThroughChipsAndCrossingsAsMeasured(string geometry)
    {
        var layout = LayoutOf(geometry);
        // Figures for docs/benchmarks.md (the browser test measures the same on screen): they must not grow.
        var through = layout.Lines.Sum(l => layout.Edges.Count(e => e.LineId != l.Id && DiagramLayout.Crosses(l.Points, e.Label)));
        Assert.True(layout.Crossings <= MeasuredCrossings, $"{layout.Crossings} crossings");
        Assert.True(through <= MeasuredLinesThroughChips, $"{through} lines through another line's chip");
    }

    private const int MeasuredCrossings = 9;
    private const int MeasuredLinesThroughChips = 0;

    [Fact]
    public void Layout_Nodes_SitWhereTheCatalogueLayoutPutsThem()
    {
        // The data decides, not the code: the leftmost cell touches the left edge, the rightmost the right one, and
        // the boxes keep the order of their cells.
        var byColumn = Catalogue.Roles.OrderBy(r => r.Layout!.Column).Select(r => Layout.Nodes.Single(n => n.RoleId == r.Id)).ToList();
        Assert.Equal(Layout.Geometry.NodeWidth / 2 + 10, byColumn[0].X, 3);
        Assert.Equal(Layout.Geometry.Width - Layout.Geometry.NodeWidth / 2 - 10, byColumn[^1].X, 3);
        Assert.Equal(byColumn.Select(n => n.X).Order(), byColumn.Select(n => n.X));
        var byRow = Catalogue.Roles.OrderBy(r => r.Layout!.Row).Select(r => Layout.Nodes.Single(n => n.RoleId == r.Id)).ToList();
        Assert.Equal(byRow.Select(n => n.Y).Order(), byRow.Select(n => n.Y));
    }

    [Fact]
    public void Layout_RoleWithoutLayoutData_GetsAFreePlaceAndItsFlowsAreDrawn()
    {
        var catalogue = Catalogue with
        {
            Roles = [.. Catalogue.Roles, new RoleDefinition("ReportingServer", "Reporting server", "shopping", true)],
            Flows = [.. Catalogue.Flows, Catalogue.FindFlow("website-shoppingdb-sql")! with { Id = "reporting-shoppingdb-sql", From = "ReportingServer" }],
        };

        var layout = new DiagramLayout(catalogue);

        var added = layout.Nodes.Single(n => n.RoleId == "ReportingServer");
        Assert.All(layout.Nodes.Where(n => n != added), n => Assert.False(n.Box.Inflate(10).Overlaps(added.Box), $"{n.RoleId} under the new role"));
        Assert.True(added.Box.X >= 0 && added.Box.Right <= Layout.Geometry.Width && added.Box.Y >= 0 && added.Box.Bottom <= Layout.Geometry.Height, $"{added.Box}");
        Assert.Contains(layout.Edges, e => e.Flow.Id == "reporting-shoppingdb-sql");
    }

    [Fact]
    public void Layout_LoopbackTargetWithoutLayoutData_IsPlacedBesideItsSource()
    {
        var roles = Catalogue.Roles.Select(r => r.Id == "TachyonAgent" ? r with { Layout = null } : r).ToList();
        var layout = new DiagramLayout(Catalogue with { Roles = roles });

        var (client, tachyon) = (layout.Nodes.Single(n => n.RoleId == "Client"), layout.Nodes.Single(n => n.RoleId == "TachyonAgent"));
        Assert.True(Math.Abs(client.X - tachyon.X) + Math.Abs(client.Y - tachyon.Y) < 2.5 * Layout.Geometry.NodeWidth, $"{tachyon.X},{tachyon.Y} from {client.X},{client.Y}");
    }
}
